package org.onegrid.connector.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.TopicContents;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;

/** Reads a connector's raw topic from the beginning to its current end, the way a test looks at what arrived. */
final class RawTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawTopic() {}

    static List<RawRecord> read(KafkaBackbone backbone, String connector) {
        return read(backbone.clientConfig(), connector);
    }

    /** The same on any cluster: {@code clientConfig} names at least its bootstrap servers. */
    static List<RawRecord> read(Map<String, Object> clientConfig, String connector) {
        return TopicContents.raw(clientConfig, Topics.raw(connector).name());
    }

    static JsonNode payload(RawRecord record) {
        try {
            return JSON.readTree(StandardCharsets.UTF_8.decode(record.getPayload().duplicate()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RawRecord> of(List<RawRecord> records, Operation operation) {
        return records.stream().filter(r -> r.getOperation() == operation).toList();
    }

    /** Key and content of a record: what must be equal when a change was written twice. */
    static String identity(RawRecord record) {
        return record.getSourceKey() + " " + record.getOperation() + " " + payload(record);
    }

    /**
     * Per source key, the operations of its distinct changes (a change written twice, with the same key, operation
     * and content, counts once), in the order of the {@link Operation} enum: what a table went through, per key.
     */
    static Map<String, List<Operation>> changesPerKey(List<RawRecord> records) {
        Map<String, Map<String, Operation>> distinct = new java.util.TreeMap<>();
        records.forEach(r -> distinct.computeIfAbsent(r.getSourceKey(), k -> new java.util.HashMap<>()).put(identity(r), r.getOperation()));
        Map<String, List<Operation>> changes = new java.util.TreeMap<>();
        distinct.forEach((key, operations) -> changes.put(key, operations.values().stream().sorted().toList()));
        return changes;
    }

    /** The latest record per source key, in topic order (what compaction keeps). */
    static Map<String, RawRecord> latest(List<RawRecord> records) {
        return records.stream().collect(Collectors.toMap(RawRecord::getSourceKey, r -> r, (a, b) -> b, java.util.LinkedHashMap::new));
    }
}
