package org.onegrid.backbone;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the contract.
 *
 * @param name the topic name
 * @param compacted true for cleanup.policy=compact (latest value per key kept), false for delete
 * @param configs further topic settings OneGrid sets when it creates the topic
 * @param valueType the Avro record every value is (null values are tombstones on compacted topics); null for a topic
 *     of UTF-8 JSON text (a view a subscriber asked for in JSON)
 */
public record TopicSpec(String name, boolean compacted, Map<String, String> configs,
                        Class<? extends SpecificRecord> valueType) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }

    /** The serde for this topic's values. */
    public <T extends SpecificRecord> AvroSerde<T> valueSerde(Class<T> type) {
        if (!type.equals(valueType)) {
            throw new IllegalArgumentException(name + " carries " + (valueType == null ? "JSON text" : valueType.getSimpleName())
                    + ", not " + type.getSimpleName());
        }
        return AvroSerde.of(type);
    }
}
