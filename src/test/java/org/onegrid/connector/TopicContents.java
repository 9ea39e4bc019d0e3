package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;

/** Everything on a topic right now, from the beginning to the end offsets: for awaiting and asserting. */
public final class TopicContents {

    private static final ObjectMapper PAYLOAD_JSON = new ObjectMapper();

    private TopicContents() {}

    public static List<RawRecord> raw(KafkaBackbone backbone, String topic) {
        return raw(backbone.clientConfig(), topic);
    }

    /** The same on any cluster: {@code clientConfig} names at least its bootstrap servers. */
    public static List<RawRecord> raw(Map<String, Object> clientConfig, String topic) {
        return read(clientConfig, topic, AvroSerde.of(RawRecord.class)).stream().map(ConsumerRecord::value).toList();
    }

    /** How many records a topic holds (its end offsets, summed): cheap enough to watch a connector's progress closely. */
    public static long endOffsets(Map<String, Object> clientConfig, String topic) {
        try (var consumer = new KafkaConsumer<>(clientConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static List<RejectedRecord> rejected(KafkaBackbone backbone, String connector) {
        return read(backbone, "onegrid.rejected", AvroSerde.of(RejectedRecord.class)).stream().map(ConsumerRecord::value)
                .filter(r -> r.getConnector().equals(connector)).toList();
    }

    public static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> read(
            KafkaBackbone backbone, String topic, AvroSerde<T> serde) {
        return read(backbone.clientConfig(), topic, serde);
    }

    /**
     * Every committed record of a topic, from its beginning to its end offsets, on any cluster ({@code clientConfig}
     * names at least the bootstrap servers). Records of aborted transactions (a stage killed mid-transaction) are not
     * read.
     */
    public static <T> List<ConsumerRecord<String, T>> read(Map<String, Object> clientConfig, String topic, Deserializer<T> values) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, T>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** How many times each source key appears. */
    public static Map<String, Long> countPerKey(List<RawRecord> records) {
        return records.stream().collect(Collectors.groupingBy(RawRecord::getSourceKey, Collectors.counting()));
    }

    /** The last record of each source key. */
    public static Map<String, RawRecord> byKey(List<RawRecord> records) {
        return records.stream().collect(Collectors.toMap(RawRecord::getSourceKey, Function.identity(), (a, b) -> b));
    }

    /** A raw record's payload, read as JSON. */
    public static JsonNode payload(RawRecord record) throws IOException {
        byte[] out = new byte[record.getPayload().remaining()];
        record.getPayload().duplicate().get(out);
        return PAYLOAD_JSON.readTree(out);
    }
}
