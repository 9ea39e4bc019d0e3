package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.RecordRef;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.RunningService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The resolver running in the service on the real broker, its topics of several partitions: source records in, one
 * golden person out; a reviewer's decision, routed by record to the shard of its records, merges two persons.
 */
class ResolverOnBrokerTest extends RunningService {

    @Autowired
    KafkaBackbone backbone;

    @Test
    void publishesOneGoldenPersonForTwoDepartmentsRecordsOfOneResident() throws Exception {
        SourcePerson security = aPerson().from("public-security", "broker-1").named("孙丽", "sun li").born("1977-07-17")
                .female().withIdSequence(502).build();
        SourcePerson health = aPerson().from("health", "broker-9").named("孙莉", "sun li").born("1977-07-17")
                .female().withIdSequence(502).withPhone("13811112222").build();
        produce(Topics.SOURCE.name(), Topics.SOURCE.valueSerde(SourcePerson.class), records(security, health));

        Map<String, GoldenPerson> table = goldenTableUntil(t -> t.values().stream().anyMatch(p ->
                p.getStatus() == PersonStatus.ACTIVE && p.getSources().size() == 2
                        && p.getSources().stream().anyMatch(s -> s.getSourceKey().equals("broker-9"))));
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.ACTIVE)
                .filteredOn(p -> p.getSources().stream().anyMatch(s -> s.getSourceKey().startsWith("broker-")))
                .singleElement()
                .satisfies(p -> assertThat(p.getPhones()).extracting(v -> v.getValue()).containsExactly("13811112222"));
    }

    @Test
    void mergesTwoPersonsOnAReviewersDecision() throws Exception {
        SourcePerson civil = aPerson().from("civil-affairs", "review-21").named("王伟", "wang wei").born("1981-01-01").male()
                .withPhone("13900000021").livingAt("阳光花园", "3", "2", "401").build();
        SourcePerson health = aPerson().from("health", "review-22").named("王伟", "wang wei").born("1981-01-01").male()
                .withPhone("13900000022").livingAt("锦绣家园", "5", "1", "201").build();
        ReviewerDecision same = ReviewerDecision.newBuilder().setDecisionId("review-d-21")
                .setRecord(new RecordRef("civil-affairs", "review-21")).setOtherRecord(new RecordRef("health", "review-22"))
                .setVerdict(ReviewVerdict.SAME).setDecidedBy("reviewer-1").setDecidedAt(Instant.parse("2026-02-01T08:00:00Z"))
                .build();
        produce(Topics.SOURCE.name(), Topics.SOURCE.valueSerde(SourcePerson.class), records(civil, health));
        produce(Topics.REVIEW_DECISIONS.name(), Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class),
                Map.of(same.getDecisionId(), same));

        Map<String, GoldenPerson> table = goldenTableUntil(t -> t.values().stream().anyMatch(p ->
                p.getStatus() == PersonStatus.ACTIVE && p.getSources().size() == 2
                        && p.getSources().stream().anyMatch(s -> s.getSourceKey().equals("review-21"))));
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.ACTIVE)
                .filteredOn(p -> p.getSources().stream().anyMatch(s -> s.getSourceKey().startsWith("review-")))
                .singleElement();
    }

    private static Map<String, SourcePerson> records(SourcePerson... persons) {
        Map<String, SourcePerson> records = new LinkedHashMap<>();
        for (SourcePerson person : persons) {
            records.put(person.getConnector() + "/" + person.getSourceKey(), person);
        }
        return records;
    }

    private <V extends SpecificRecord> void produce(String topic, Serializer<V> values, Map<String, V> records)
            throws Exception {
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(), values)) {
            for (Map.Entry<String, V> e : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic, e.getKey(), e.getValue())).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The golden table read from the beginning, committed records only, until {@code done} holds for it. */
    private Map<String, GoldenPerson> goldenTableUntil(Predicate<Map<String, GoldenPerson>> done) {
        Map<String, GoldenPerson> table = new HashMap<>();
        Map<String, Object> config = backbone.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), Topics.GOLDEN.valueSerde(GoldenPerson.class))) {
            consumer.assign(consumer.partitionsFor(Topics.GOLDEN.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> table.put(r.key(), r.value()));
                return done.test(table);
            });
        }
        return table;
    }
}
