package org.onegrid.resolve.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;

/** A {@link ClusterStore} in plain hash maps: for tests and for a resolver that need not survive a restart. */
public final class InMemoryClusterStore implements ClusterStore {

    private final Table<SourcePerson> records = new Table<>();
    private final Table<String> memberships = new Table<>();
    private final Table<PersonState> persons = new Table<>();
    private final Table<GoldenPerson> goldens = new Table<>();
    private final Table<Conflict> conflicts = new Table<>();
    private final Table<List<String>> blocks = new Table<>();
    private final Table<String> decisions = new Table<>();
    private final Table<String> counters = new Table<>();

    @Override public StoreTable<SourcePerson> records() { return records; }
    @Override public StoreTable<String> memberships() { return memberships; }
    @Override public StoreTable<PersonState> persons() { return persons; }
    @Override public StoreTable<GoldenPerson> goldens() { return goldens; }
    @Override public StoreTable<Conflict> conflicts() { return conflicts; }
    @Override public StoreTable<List<String>> blocks() { return blocks; }
    @Override public StoreTable<String> decisions() { return decisions; }
    @Override public StoreTable<String> counters() { return counters; }

    /** Number of entries in the persons table, merged and retired ids included. */
    public int personCount() {
        return persons.map.size();
    }

    private static final class Table<V> implements StoreTable<V> {
        private final Map<String, V> map = new HashMap<>();

        @Override public V get(String key) { return map.get(key); }
        @Override public void put(String key, V value) { map.put(key, value); }
        @Override public void delete(String key) { map.remove(key); }
    }
}
