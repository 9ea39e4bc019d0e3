package org.onegrid.resolve;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.onegrid.backbone.AvroSerde;

/**
 * Values of several Avro record types on one of the resolver's internal topics (source records and reviewer
 * decisions travel to their shard on one repartition topic, so that they stay in order): one byte naming the type,
 * its index in the list given, then the value as {@link AvroSerde} writes it. Internal only: never on a contract
 * topic, where every topic has one value schema.
 */
final class TaggedAvroSerde implements Serde<SpecificRecord>, Serializer<SpecificRecord>, Deserializer<SpecificRecord> {

    private final List<Class<? extends SpecificRecord>> types;

    @SafeVarargs
    TaggedAvroSerde(Class<? extends SpecificRecord>... types) {
        this.types = List.of(types);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord value) {
        if (value == null) {
            return null;
        }
        int tag = types.indexOf(value.getClass());
        if (tag < 0) {
            throw new SerializationException(value.getClass().getSimpleName() + " is not carried on " + topic);
        }
        byte[] body = ((AvroSerde) AvroSerde.of(types.get(tag))).serialize(topic, value);
        byte[] bytes = new byte[body.length + 1];
        bytes[0] = (byte) tag;
        System.arraycopy(body, 0, bytes, 1, body.length);
        return bytes;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] < 0 || data[0] >= types.size()) {
            throw new SerializationException("value on " + topic + " names no known type");
        }
        return AvroSerde.of(types.get(data[0])).deserialize(topic, Arrays.copyOfRange(data, 1, data.length));
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return this;
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the types are given.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
