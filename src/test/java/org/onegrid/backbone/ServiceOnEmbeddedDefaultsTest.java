package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.onegrid.testing.Records;
import org.onegrid.testing.RunningService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The service on its embedded defaults: a real broker in the JVM, the topic contract applied, health UP. */
class ServiceOnEmbeddedDefaultsTest extends RunningService {

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    @Test
    void startsTheEmbeddedBrokerWhenNoClusterIsConfigured() {
        assertThat(backbone.isEmbedded()).isTrue();
        assertThat(backbone.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void createsEveryPipelineTopicWithItsCleanupPolicy() throws Exception {
        List<TopicSpec> specs = Topics.pipeline(Duration.ofDays(30));
        var resources = specs.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = backbone.admin().describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        for (TopicSpec spec : specs) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            assertThat(config.get("cleanup.policy").value()).as(spec.name()).isEqualTo(spec.cleanupPolicy());
        }
        assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.GOLDEN.name())).get("cleanup.policy").value())
                .isEqualTo("compact");
    }

    @Test
    void reportsReadinessFromTheBroker() {
        var readiness = http.getForObject("/actuator/health/readiness", Map.class);
        assertThat(readiness.get("status")).isEqualTo("UP");
        assertThat(readiness.get("components").toString()).contains("broker=", "camelHealth=", "resolver=");
        assertThat(http.getForObject("/actuator/health/liveness", Map.class).get("status")).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    @Test
    void carriesARecordOfEverySchemaThroughTheBroker() {
        Map<TopicSpec, SpecificRecord> examples = Map.of(
                Topics.raw("civil-affairs"), Records.raw(),
                Topics.SOURCE, Records.source(),
                Topics.GOLDEN, Records.golden(),
                Topics.LINKS, Records.link(),
                Topics.CONFLICTS, Records.conflict(),
                Topics.REVIEW_DECISIONS, Records.decision(),
                Topics.rejected(Duration.ofDays(30)), Records.rejected(),
                Topics.view("round-trip", false), Records.view(),
                Topics.audit(Duration.ofDays(365)), Records.audit());
        assertThat(backbone.ensureTopics(List.of(Topics.raw("civil-affairs"), Topics.view("round-trip", false)))).isEmpty();
        // Compared as JSON text: Avro's equals() fails on logical types inside arrays of unions.
        examples.forEach((spec, record) -> assertThat(roundTrip(spec, record)).as(spec.name()).hasToString(record.toString()));
        assertThat(examples.keySet()).extracting(spec -> spec.valueType().getName()).containsExactlyInAnyOrderElementsOf(
                ReleaseSchemas.TOPIC_VALUES.stream().map(org.apache.avro.Schema::getFullName).toList());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SpecificRecord roundTrip(TopicSpec spec, SpecificRecord record) {
        AvroSerde serde = spec.valueSerde((Class) record.getClass());
        String key = "round-trip-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, SpecificRecord>(backbone.clientConfig(), new StringSerializer(), serde)) {
            producer.send(new ProducerRecord<>(spec.name(), key, record)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + spec.name(), e);
        }
        try (var consumer = new KafkaConsumer<String, SpecificRecord>(backbone.clientConfig(), new StringDeserializer(), serde)) {
            consumer.assign(consumer.partitionsFor(spec.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.stream().noneMatch(r -> r.key().equals(key)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return seen.stream().filter(r -> r.key().equals(key)).findFirst().map(ConsumerRecord::value)
                    .orElseThrow(() -> new AssertionError("nothing consumed from " + spec.name()));
        }
    }
}
