package org.onegrid.resolve.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;

/**
 * A store that keeps every value as bytes, as a Kafka Streams state store does: what the resolver
 * reads back is a decoded copy, never the object it wrote.
 */
final class SerializingClusterStore implements ClusterStore {

    private final StoreTable<SourcePerson> records = avro(SourcePerson.getEncoder(), SourcePerson.getDecoder());
    private final StoreTable<String> memberships = text();
    private final StoreTable<PersonState> persons = new Table<>(PersonState::toBytes, PersonState::fromBytes);
    private final StoreTable<GoldenPerson> goldens = avro(GoldenPerson.getEncoder(), GoldenPerson.getDecoder());
    private final StoreTable<Conflict> conflicts = avro(Conflict.getEncoder(), Conflict.getDecoder());
    private final StoreTable<List<String>> blocks = new Table<>(
            list -> String.join("\n", list).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            bytes -> new ArrayList<>(Arrays.asList(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n"))));
    private final StoreTable<String> decisions = text();
    private final StoreTable<String> counters = text();

    @Override public StoreTable<SourcePerson> records() { return records; }
    @Override public StoreTable<String> memberships() { return memberships; }
    @Override public StoreTable<PersonState> persons() { return persons; }
    @Override public StoreTable<GoldenPerson> goldens() { return goldens; }
    @Override public StoreTable<Conflict> conflicts() { return conflicts; }
    @Override public StoreTable<List<String>> blocks() { return blocks; }
    @Override public StoreTable<String> decisions() { return decisions; }
    @Override public StoreTable<String> counters() { return counters; }

    private static StoreTable<String> text() {
        return new Table<>(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static <V> StoreTable<V> avro(BinaryMessageEncoder<V> encoder, BinaryMessageDecoder<V> decoder) {
        return new Table<>(v -> {
            try {
                ByteBuffer buffer = encoder.encode(v);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bytes -> {
            try {
                return decoder.decode(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static final class Table<V> implements StoreTable<V> {
        private final Map<String, byte[]> map = new HashMap<>();
        private final Function<V, byte[]> serialize;
        private final Function<byte[], V> deserialize;

        Table(Function<V, byte[]> serialize, Function<byte[], V> deserialize) {
            this.serialize = serialize;
            this.deserialize = deserialize;
        }

        @Override public V get(String key) {
            byte[] bytes = map.get(key);
            return bytes == null ? null : deserialize.apply(bytes);
        }

        @Override public void put(String key, V value) { map.put(key, serialize.apply(value)); }

        @Override public void delete(String key) { map.remove(key); }
    }
}
