package org.onegrid.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.GridRef;
import org.onegrid.security.RegionScope;

/**
 * The golden table as the query API reads it: a person by id, the persons of one region node, every person. Read-only
 * over the publishing stage's stores in this instance. It answers with golden records; what a caller may see of them
 * is decided by {@link org.onegrid.security.Subscriber#view}, never here.
 */
public final class PersonTable {

    static final String PERSONS = "query-persons";
    static final String INDEX = "query-index";
    static final int MERGE_HOPS = 10;

    private static final AvroSerde<GoldenPerson> GOLDEN = AvroSerde.of(GoldenPerson.class);

    private final Supplier<ReadOnlyKeyValueStore<String, byte[]>> persons;
    private final Supplier<ReadOnlyKeyValueStore<String, String>> index;

    PersonTable(Supplier<ReadOnlyKeyValueStore<String, byte[]>> persons, Supplier<ReadOnlyKeyValueStore<String, String>> index) {
        this.persons = persons;
        this.index = index;
    }

    /** The golden record stored under this id (ACTIVE, or MERGED/RETIRED), if any. */
    public Optional<GoldenPerson> person(String personId) {
        byte[] bytes = persons.get().get(personId);
        return bytes == null ? Optional.empty() : Optional.of(GOLDEN.decode(bytes));
    }

    /**
     * The record under this id, or, when the id was merged into another, the record of the id that carries the person
     * now (followed through at most {@value #MERGE_HOPS} merges).
     */
    public Optional<GoldenPerson> current(String personId) {
        Optional<GoldenPerson> golden = person(personId);
        for (int hop = 0; hop < MERGE_HOPS && golden.isPresent() && golden.get().getStatus() == PersonStatus.MERGED
                && golden.get().getMergedInto() != null; hop++) {
            golden = person(golden.get().getMergedInto());
        }
        return golden;
    }

    /** The current persons living at or under one node of the grid hierarchy. */
    public List<GoldenPerson> in(RegionScope.Level level, String code) {
        List<GoldenPerson> found = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.get().prefixScan(prefix(level, code), new StringSerializer())) {
            it.forEachRemaining(entry -> person(entry.value).ifPresent(found::add));
        }
        return found;
    }

    /** About how many ids the table holds (current, merged and retired), as the store estimates it. */
    public long approximateSize() {
        return persons.get().approximateNumEntries();
    }

    /** Every record of the table, one at a time (a city-wide search). */
    public void forEach(Consumer<GoldenPerson> action) {
        try (KeyValueIterator<String, byte[]> it = persons.get().all()) {
            it.forEachRemaining(entry -> action.accept(GOLDEN.decode(entry.value)));
        }
    }

    static List<String> indexKeys(GridRef grid, String personId) {
        List<String> keys = new ArrayList<>();
        if (grid != null) {
            for (RegionScope.Level level : RegionScope.Level.values()) {
                String code = level.codeOf(grid);
                if (code != null) {
                    keys.add(prefix(level, code) + personId);
                }
            }
        }
        return keys;
    }

    private static String prefix(RegionScope.Level level, String code) {
        return level.singular() + "/" + code + "/";
    }
}
