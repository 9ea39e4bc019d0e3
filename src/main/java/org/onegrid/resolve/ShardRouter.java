package org.onegrid.resolve;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.schema.SourcePerson;

/**
 * Re-keys each source record by its shard key, remembering where each record went: when a record's shard key
 * changes (a corrected birth date), it is first retracted from its old shard, then added to the new one. A delete
 * goes to the shard the record was in.
 */
final class ShardRouter implements Processor<String, SourcePerson, String, SourcePerson> {

    static final String STORE = "resolver-shard-of";

    private final Sharding sharding;
    private ProcessorContext<String, SourcePerson> context;
    private KeyValueStore<String, String> shardOf;

    ShardRouter(Sharding sharding) {
        this.sharding = sharding;
    }

    @Override
    public void init(ProcessorContext<String, SourcePerson> context) {
        this.context = context;
        this.shardOf = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, SourcePerson> record) {
        SourcePerson person = record.value();
        if (person == null) {
            return;
        }
        String ref = record.key();
        String previous = shardOf.get(ref);
        if (person.getDeleted()) {
            if (previous != null) {
                context.forward(record.withKey(previous));
                shardOf.delete(ref);
            }
            return;
        }
        String shard = sharding.keyOf(person);
        if (previous != null && !previous.equals(shard)) {
            context.forward(record.withKey(previous).withValue(retraction(person)));
        }
        shardOf.put(ref, shard);
        context.forward(record.withKey(shard));
    }

    private static SourcePerson retraction(SourcePerson person) {
        return SourcePerson.newBuilder()
                .setConnector(person.getConnector())
                .setSourceKey(person.getSourceKey())
                .setDeleted(true)
                .setSourceTime(person.getSourceTime())
                .setIngestTime(person.getIngestTime())
                .build();
    }
}
