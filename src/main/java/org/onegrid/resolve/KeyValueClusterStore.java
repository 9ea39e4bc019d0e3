package org.onegrid.resolve;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.resolve.cluster.ClusterStore;
import org.onegrid.resolve.cluster.PersonState;
import org.onegrid.resolve.cluster.StoreTable;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;

/** The resolver core's tables on Kafka Streams key/value stores (RocksDB, with changelogs), one store per table. */
final class KeyValueClusterStore implements ClusterStore {

    /** Store names, in the order they are created. */
    static final List<String> STORES = List.of("resolver-records", "resolver-memberships", "resolver-persons",
            "resolver-goldens", "resolver-conflicts", "resolver-blocks", "resolver-decisions", "resolver-counters");

    private final StoreTable<SourcePerson> records;
    private final StoreTable<String> memberships;
    private final StoreTable<PersonState> persons;
    private final StoreTable<GoldenPerson> goldens;
    private final StoreTable<Conflict> conflicts;
    private final StoreTable<List<String>> blocks;
    private final StoreTable<String> decisions;
    private final StoreTable<String> counters;

    KeyValueClusterStore(ProcessorContext<?, ?> context) {
        AvroSerde<SourcePerson> sources = AvroSerde.of(SourcePerson.class);
        AvroSerde<GoldenPerson> golden = AvroSerde.of(GoldenPerson.class);
        AvroSerde<Conflict> conflict = AvroSerde.of(Conflict.class);
        records = table(context, STORES.get(0), sources::encode, sources::decode);
        memberships = table(context, STORES.get(1), KeyValueClusterStore::utf8, KeyValueClusterStore::text);
        persons = table(context, STORES.get(2), PersonState::toBytes, PersonState::fromBytes);
        goldens = table(context, STORES.get(3), golden::encode, golden::decode);
        conflicts = table(context, STORES.get(4), conflict::encode, conflict::decode);
        blocks = table(context, STORES.get(5), refs -> utf8(String.join("\n", refs)),
                bytes -> bytes.length == 0 ? List.of() : Arrays.asList(text(bytes).split("\n")));
        decisions = table(context, STORES.get(6), KeyValueClusterStore::utf8, KeyValueClusterStore::text);
        counters = table(context, STORES.get(7), KeyValueClusterStore::utf8, KeyValueClusterStore::text);
    }

    @Override public StoreTable<SourcePerson> records() { return records; }
    @Override public StoreTable<String> memberships() { return memberships; }
    @Override public StoreTable<PersonState> persons() { return persons; }
    @Override public StoreTable<GoldenPerson> goldens() { return goldens; }
    @Override public StoreTable<Conflict> conflicts() { return conflicts; }
    @Override public StoreTable<List<String>> blocks() { return blocks; }
    @Override public StoreTable<String> decisions() { return decisions; }
    @Override public StoreTable<String> counters() { return counters; }

    private static <V> StoreTable<V> table(ProcessorContext<?, ?> context, String name,
                                           Function<V, byte[]> encode, Function<byte[], V> decode) {
        KeyValueStore<String, byte[]> store = context.getStateStore(name);
        return new StoreTable<>() {
            @Override
            public V get(String key) {
                byte[] bytes = store.get(key);
                return bytes == null ? null : decode.apply(bytes);
            }

            @Override
            public void put(String key, V value) {
                store.put(key, encode.apply(value));
            }

            @Override
            public void delete(String key) {
                store.delete(key);
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
