package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.backbone.Topics;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.testing.FreePorts;
import org.onegrid.testing.TestSubscribers;

/**
 * The embedded broker in secure mode, a real KRaft broker with SASL/SCRAM over TLS and the StandardAuthorizer, with
 * the example subscribers' users and ACLs applied as the service applies them: a subscriber that trusts the broker's
 * certificate reads its own view and nothing else, neither another subscriber's view nor any internal topic, and
 * cannot write; a client that does not trust the certificate, or speaks plaintext, gets nothing.
 */
class SecureBrokerTest {

    private static final List<String> INTERNAL = List.of(Topics.SOURCE.name(), Topics.GOLDEN.name(), Topics.LINKS.name(),
            Topics.CONFLICTS.name(), "onegrid.rejected", "onegrid.audit", Topics.raw("public-security").name());
    private static final String STREET_OFFICE_VIEW = Topics.view("street-office", false).name();
    private static final String HEALTH_VIEW = Topics.view("health-department", false).name();

    private static final Path DATA_DIR = Path.of("target", "secure-broker-" + ProcessHandle.current().pid()).toAbsolutePath();

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), DATA_DIR, true);
        Map<String, Object> service = service();
        try (Admin admin = Admin.create(service)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : concat(INTERNAL, List.of(STREET_OFFICE_VIEW, HEALTH_VIEW))) {
                topics.add(new NewTopic(topic, 1, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            assertThat(BrokerUsers.apply(admin, TestSubscribers.load(), Duration.ofSeconds(30))).isEmpty();
        }
        try (var producer = new KafkaProducer<>(service, new StringSerializer(), new StringSerializer())) {
            for (String topic : concat(INTERNAL, List.of(STREET_OFFICE_VIEW, HEALTH_VIEW))) {
                producer.send(new ProducerRecord<>(topic, "P1", "on " + topic)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Object> service() {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return config;
    }

    /** A subscriber's client: its SCRAM login over TLS, trusting the broker's certificate through the truststore. */
    private static Map<String, Object> as(String user, String password) {
        Map<String, Object> config = new HashMap<>(EmbeddedKafkaBroker.clientTrust(DATA_DIR));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put("sasl.mechanism", EmbeddedKafkaBroker.SCRAM);
        config.put("sasl.jaas.config", EmbeddedKafkaBroker.scramJaas(user, password));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    private static Map<String, Object> streetOffice() {
        return as("street-office", TestSubscribers.kafkaPasswords().get("street-office"));
    }

    /** Reads a topic in a consumer group (the way a subscriber's application does) until one record arrives. */
    private static List<ConsumerRecord<String, String>> read(Map<String, Object> login, String group, String topic) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    @Test
    void aSubscriberReadsItsOwnView() {
        assertThat(read(streetOffice(), "street-office-dashboard", STREET_OFFICE_VIEW))
                .extracting(ConsumerRecord::value).containsExactly("on " + STREET_OFFICE_VIEW);
        assertThat(read(as("health-department", TestSubscribers.kafkaPasswords().get("health-department")),
                "health-department", HEALTH_VIEW)).hasSize(1);
    }

    @Test
    void aSubscriberIsDeniedAnotherSubscribersView() {
        assertThatThrownBy(() -> read(streetOffice(), "street-office-x", HEALTH_VIEW))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"onegrid.person.source", "onegrid.person.golden", "onegrid.person.links",
            "onegrid.person.conflicts", "onegrid.rejected", "onegrid.audit", "onegrid.raw.public-security"})
    void aSubscriberIsDeniedEveryInternalTopic(String topic) {
        assertThat(INTERNAL).contains(topic);
        assertThatThrownBy(() -> read(streetOffice(), "street-office-y", topic))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aSubscriberCannotUseAnotherSubscribersConsumerGroups() {
        assertThatThrownBy(() -> read(streetOffice(), "health-department", STREET_OFFICE_VIEW))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void aSubscriberCannotWriteEvenToItsOwnView() {
        Map<String, Object> config = new HashMap<>(streetOffice());
        // Without idempotence the write itself is what the broker judges (not the cluster-wide idempotent-write right).
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(STREET_OFFICE_VIEW, "P9", "forged")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateIsRefused() {
        Map<String, Object> untrusting = new HashMap<>(streetOffice());
        untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore."));

        assertThatThrownBy(() -> read(untrusting, "street-office-tls", STREET_OFFICE_VIEW))
                .isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aClientSpeakingPlaintextToTheTlsPortGetsNothing() {
        Map<String, Object> client = new HashMap<>(streetOffice());
        client.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        client.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(client)) {
            assertThat(admin.describeTopics(List.of(STREET_OFFICE_VIEW)).allTopicNames()).succeedsWithin(Duration.ofSeconds(30));
        }

        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");

        try (Admin admin = Admin.create(client)) {
            assertThatThrownBy(() -> admin.describeTopics(List.of(STREET_OFFICE_VIEW)).allTopicNames().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> read(as("street-office", "not-the-password"), "street-office-z", STREET_OFFICE_VIEW))
                .isInstanceOf(SaslAuthenticationException.class);
    }
}
