package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
        return read(backbone, topic, AvroSerde.of(RawRecord.class)).stream().map(ConsumerRecord::value).toList();
    }

    public static List<RejectedRecord> rejected(KafkaBackbone backbone, String connector) {
        return read(backbone, "onegrid.rejected", AvroSerde.of(RejectedRecord.class)).stream().map(ConsumerRecord::value)
                .filter(r -> r.getConnector().equals(connector)).toList();
    }

    public static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> read(
            KafkaBackbone backbone, String topic, AvroSerde<T> serde) {
        try (var consumer = new KafkaConsumer<>(backbone.clientConfig(), new StringDeserializer(), serde)) {
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
