package org.onegrid.publish;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonStatus;

/**
 * Keeps the golden table and its region index in the query stores: every current person by id, and under each
 * level of their grid ({@code grid/<code>/<id>}, {@code community/<code>/<id>}...). A person who moves is removed
 * from the old region's index; a merged or retired id leaves the index but stays findable by id (to follow a merge).
 */
final class QueryTableProcessor implements Processor<String, GoldenPerson, Void, Void> {

    private static final AvroSerde<GoldenPerson> GOLDEN = AvroSerde.of(GoldenPerson.class);

    private KeyValueStore<String, byte[]> persons;
    private KeyValueStore<String, String> index;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        persons = context.getStateStore(PersonTable.PERSONS);
        index = context.getStateStore(PersonTable.INDEX);
    }

    @Override
    public void process(Record<String, GoldenPerson> record) {
        String personId = record.key();
        if (personId == null) {
            return;
        }
        byte[] before = persons.get(personId);
        if (before != null) {
            GoldenPerson old = GOLDEN.decode(before);
            PersonTable.indexKeys(old.getGrid(), personId).forEach(index::delete);
        }
        GoldenPerson now = record.value();
        if (now == null) {
            persons.delete(personId);
            return;
        }
        persons.put(personId, GOLDEN.encode(now));
        if (now.getStatus() == PersonStatus.ACTIVE) {
            GridRef grid = now.getGrid();
            PersonTable.indexKeys(grid, personId).forEach(key -> index.put(key, personId));
        }
    }
}
