package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.onegrid.mapping.RawRecords.aRawRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.FreePorts;

/** The stage on a real broker: exactly once, and a replay after a mapping fix without the department system. */
class MappingStageTest {

    private static final String REJECTED = Topics.rejected(Duration.ofDays(30)).name();

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private Admin admin;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"));
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(Topics.raw("health").name(), 2, (short) 1),
                new NewTopic(Topics.SOURCE.name(), 2, (short) 1), new NewTopic(REJECTED, 1, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void mapsExactlyOnceAndReplaysFromTheRawTopicAfterAMappingFix() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), AvroSerde.of(RawRecord.class))) {
            for (String key : List.of("HP1", "HP2")) {
                producer.send(new ProducerRecord<>(Topics.raw("health").name(), key, aRawRecord().from("health")
                        .key(key).column("name", "陈晓明").column("idCard", "360502198503021232").build()))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        // A mapping with a mistake: the name column is misspelt, so every record lacks an identity.
        Map<String, Object> client = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        try (MappingStage stage = MappingStage.start(client, MappingStage.APPLICATION_ID,
                Map.of("health", mapper("name: nmae\n")), GoldenFilesTest.TODAY)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> read(REJECTED, AvroSerde.of(RejectedRecord.class)).size() == 2);
            assertThat(stage.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThatThrownBy(() -> MappingReplay.resetToEarliest(admin, MappingStage.APPLICATION_ID,
                    Duration.ofSeconds(1))).as("a running stage's offsets cannot be moved")
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(read(REJECTED, AvroSerde.of(RejectedRecord.class))).extracting(r -> r.value().getReason())
                .containsOnly("MAPPING_NO_IDENTITY");
        assertThat(latest(read(Topics.SOURCE.name(), AvroSerde.of(SourcePerson.class))).values())
                .allSatisfy(p -> assertThat(p.getDeleted()).isTrue());

        assertThat(MappingReplay.resetToEarliest(admin, MappingStage.APPLICATION_ID, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder(new TopicPartition(Topics.raw("health").name(), 0),
                        new TopicPartition(Topics.raw("health").name(), 1));
        try (MappingStage stage = MappingStage.start(client, MappingStage.APPLICATION_ID,
                Map.of("health", mapper("name: name\nidNumber: idCard\n")), GoldenFilesTest.TODAY)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> latest(read(Topics.SOURCE.name(),
                    AvroSerde.of(SourcePerson.class))).values().stream().noneMatch(SourcePerson::getDeleted));
        }
        Map<String, SourcePerson> source = latest(read(Topics.SOURCE.name(), AvroSerde.of(SourcePerson.class)));
        assertThat(source).containsOnlyKeys("health/HP1", "health/HP2");
        assertThat(source.values()).allSatisfy(p -> assertThat(p.getIdNumber()).isEqualTo("360502198503021232"));
        assertThat(read(Topics.SOURCE.name(), AvroSerde.of(SourcePerson.class))).as("each raw record mapped once per run")
                .hasSize(4);
    }

    private static Mapper mapper(String mapping) {
        return Mapper.of(MappingDefinition.parse("health", MappingDefinitionTest.yaml(mapping)), null,
                GoldenFilesTest.TODAY);
    }

    /** Everything committed on a topic, from the beginning. */
    private <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> read(String topic,
            AvroSerde<T> serde) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, T>> out = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static Map<String, SourcePerson> latest(List<ConsumerRecord<String, SourcePerson>> records) {
        Map<String, SourcePerson> latest = new HashMap<>();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
