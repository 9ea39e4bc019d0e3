package org.onegrid.resolve;

import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.onegrid.resolve.cluster.Blocking;
import org.onegrid.resolve.cluster.ClusterResolver;
import org.onegrid.resolve.cluster.ResolveResult;
import org.onegrid.resolve.cluster.ResolverConfig;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.SourcePerson;

/**
 * Resolves the records of the shards of one partition. Forwards every golden record, link and conflict the core
 * decides to publish, keyed as their topics are: person id, connector/sourceKey, conflict id.
 */
final class ShardResolver implements Processor<String, SourcePerson, String, SpecificRecord> {

    private final Matcher matcher;
    private final Blocking blocking;
    private final ResolverConfig config;
    private ProcessorContext<String, SpecificRecord> context;
    private ClusterResolver resolver;

    ShardResolver(Matcher matcher, Blocking blocking, ResolverConfig config) {
        this.matcher = matcher;
        this.blocking = blocking;
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.resolver = new ClusterResolver(new KeyValueClusterStore(context), matcher, blocking, config, Clock.systemUTC());
    }

    @Override
    public void process(Record<String, SourcePerson> record) {
        ResolveResult result = resolver.apply(record.value());
        long now = context.currentSystemTimeMs();
        for (GoldenPerson golden : result.goldens()) {
            context.forward(new Record<>(golden.getPersonId(), golden, now));
        }
        for (PersonLink link : result.links()) {
            context.forward(new Record<>(link.getConnector() + "/" + link.getSourceKey(), link, now));
        }
        for (Conflict conflict : result.conflicts()) {
            context.forward(new Record<>(conflict.getConflictId(), conflict, now));
        }
    }
}
