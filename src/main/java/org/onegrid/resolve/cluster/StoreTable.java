package org.onegrid.resolve.cluster;

/**
 * One key/value table of the resolver's state: get, put and delete by string key, nothing else.
 * A Kafka Streams {@code KeyValueStore<String, V>} satisfies it directly.
 *
 * @param <V> the value type; values are never mutated after {@link #put}
 */
public interface StoreTable<V> {

    /** The value under the key, or null when there is none. */
    V get(String key);

    void put(String key, V value);

    void delete(String key);
}
