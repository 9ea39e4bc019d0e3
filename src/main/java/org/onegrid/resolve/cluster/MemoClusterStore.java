package org.onegrid.resolve.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;

/**
 * A view of a store for one unit of work: a key read twice is read from the store (and decoded) once, and every put
 * and delete goes to the store at once, so the store sees exactly the writes it would see without the view. Lives no
 * longer than one call of the resolver: it keeps no state between calls, as the core must not.
 */
final class MemoClusterStore implements ClusterStore {

    private final StoreTable<SourcePerson> records;
    private final StoreTable<String> memberships;
    private final StoreTable<PersonState> persons;
    private final StoreTable<GoldenPerson> goldens;
    private final StoreTable<Conflict> conflicts;
    private final StoreTable<List<String>> blocks;
    private final StoreTable<String> decisions;
    private final StoreTable<String> counters;

    MemoClusterStore(ClusterStore store) {
        records = new Memo<>(store.records());
        memberships = new Memo<>(store.memberships());
        persons = new Memo<>(store.persons());
        goldens = new Memo<>(store.goldens());
        conflicts = new Memo<>(store.conflicts());
        blocks = new Memo<>(store.blocks());
        decisions = new Memo<>(store.decisions());
        counters = new Memo<>(store.counters());
    }

    @Override public StoreTable<SourcePerson> records() { return records; }
    @Override public StoreTable<String> memberships() { return memberships; }
    @Override public StoreTable<PersonState> persons() { return persons; }
    @Override public StoreTable<GoldenPerson> goldens() { return goldens; }
    @Override public StoreTable<Conflict> conflicts() { return conflicts; }
    @Override public StoreTable<List<String>> blocks() { return blocks; }
    @Override public StoreTable<String> decisions() { return decisions; }
    @Override public StoreTable<String> counters() { return counters; }

    /** One table: values seen, absent ones as null; values are never mutated after a put (StoreTable). */
    private static final class Memo<V> implements StoreTable<V> {

        private final StoreTable<V> store;
        private final Map<String, V> seen = new HashMap<>();

        Memo(StoreTable<V> store) {
            this.store = store;
        }

        @Override
        public V get(String key) {
            if (seen.containsKey(key)) {
                return seen.get(key);
            }
            V value = store.get(key);
            seen.put(key, value);
            return value;
        }

        @Override
        public void put(String key, V value) {
            store.put(key, value);
            seen.put(key, value);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
            seen.put(key, null);
        }
    }
}
