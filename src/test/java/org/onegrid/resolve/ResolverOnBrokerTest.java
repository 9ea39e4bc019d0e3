package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.RunningService;
import org.springframework.beans.factory.annotation.Autowired;

/** The resolver running in the service on the real broker: source records in, one golden person out. */
class ResolverOnBrokerTest extends RunningService {

    @Autowired
    KafkaBackbone backbone;

    @Test
    void publishesOneGoldenPersonForTwoDepartmentsRecordsOfOneResident() throws Exception {
        SourcePerson security = aPerson().from("public-security", "broker-1").named("孙丽", "sun li").born("1977-07-17")
                .female().withIdSequence(502).build();
        SourcePerson health = aPerson().from("health", "broker-9").named("孙莉", "sun li").born("1977-07-17")
                .female().withIdSequence(502).withPhone("13811112222").build();
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(),
                Topics.SOURCE.valueSerde(SourcePerson.class))) {
            for (SourcePerson person : List.of(security, health)) {
                producer.send(new ProducerRecord<>(Topics.SOURCE.name(), person.getConnector() + "/" + person.getSourceKey(), person))
                        .get(10, TimeUnit.SECONDS);
            }
        }

        Map<String, GoldenPerson> table = new HashMap<>();
        Map<String, Object> config = backbone.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), Topics.GOLDEN.valueSerde(GoldenPerson.class))) {
            consumer.assign(consumer.partitionsFor(Topics.GOLDEN.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> table.put(r.key(), r.value()));
                return table.values().stream().anyMatch(p -> p.getStatus() == PersonStatus.ACTIVE && p.getSources().size() == 2
                        && p.getSources().stream().anyMatch(s -> s.getSourceKey().equals("broker-9")));
            });
        }
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.ACTIVE)
                .filteredOn(p -> p.getSources().stream().anyMatch(s -> s.getSourceKey().startsWith("broker-")))
                .singleElement()
                .satisfies(p -> assertThat(p.getPhones()).extracting(v -> v.getValue()).containsExactly("13811112222"));
    }
}
