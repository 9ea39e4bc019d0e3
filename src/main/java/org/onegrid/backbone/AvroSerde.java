package org.onegrid.backbone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro values on the wire in Avro's single-object encoding: the two bytes {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, then the Avro binary body. Any Avro
 * library can read it with nothing but the schema files in {@code schemas/}. Values written with any released
 * version of a schema (schemas/released/) are read into the current one. A null value (a tombstone) stays null.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final Map<Class<?>, AvroSerde<?>> SERDES = new ConcurrentHashMap<>();

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    @SuppressWarnings("unchecked")
    private AvroSerde(Class<T> type) {
        this.type = type;
        // The generated class's own encoder and decoder carry its logical-type conversions (dates, instants).
        SchemaStore.Cache released = new SchemaStore.Cache();
        ReleasedSchemas.versionsOf(SpecificData.get().getSchema(type).getFullName()).forEach(released::addSchema);
        try {
            this.encoder = (BinaryMessageEncoder<T>) type.getMethod("getEncoder").invoke(null);
            this.decoder = (BinaryMessageDecoder<T>) type.getMethod("createDecoder", SchemaStore.class).invoke(null, released);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not a class generated from schemas/", e);
        }
    }

    /** The serde of one record type (shared: it is thread-safe). */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return (AvroSerde<T>) SERDES.computeIfAbsent(type, t -> new AvroSerde<>(type));
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(value, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("value on " + topic + " is not a single-object encoded "
                    + type.getSimpleName() + " of any known schema version: " + e.getMessage(), e);
        }
    }

    /** Bytes to a record, outside Kafka. */
    public T decode(byte[] data) {
        return deserialize("(no topic)", data);
    }

    /** A record to bytes, outside Kafka. */
    public byte[] encode(T value) {
        return serialize("(no topic)", value);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema comes from the record type.
    }

    @Override
    public void close() {
        // Shared and stateless: nothing to release.
    }
}
