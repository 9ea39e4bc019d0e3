package org.onegrid.connector.httppoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.ConnectorStatus;
import org.onegrid.connector.Drops;
import org.onegrid.connector.IngestBatch;
import org.onegrid.connector.TopicContents;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with http-poll connectors on a real embedded broker, each reading its own real HTTP server (the health
 * sandbox's paging contract) with a bearer token from a secret file: paging, the first pass as snapshot, changes,
 * deletes, equal timestamps, failed and slow answers repeated with backoff, page-token cursors, and a refused token.
 */
// The sandbox starts before dynamic properties are seen; switched off here, where start-up reads it.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onegrid.sandbox.enabled=false")
class HttpPollConnectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-7f3a";

    /** Not a @TempDir: the service (cached by Spring until the JVM ends) must outlive the test class and keep its files. */
    static final Path root = Path.of("target", "http-poll-test-" + ProcessHandle.current().pid()).toAbsolutePath();

    static PatientsApi patients;
    static PatientsApi flaky;
    static PatientsApi paged;
    static PatientsApi revoked;
    static PatientsApi mixed;
    static PatientsApi crashy;

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) throws IOException {
        Path secret = root.resolve("secrets").resolve("health.token");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, TOKEN + "\n");
        patients = PatientsApi.start(TOKEN).withPatients(1, 25, "2025-02-03");
        flaky = PatientsApi.start(TOKEN);
        paged = PatientsApi.start(TOKEN).withPatients(1, 10, "2025-02-03");
        revoked = PatientsApi.start(TOKEN).withPatients(1, 2, "2025-02-03");
        mixed = PatientsApi.start(TOKEN);
        crashy = PatientsApi.start(TOKEN);
        Path connectors = root.resolve("connectors");
        connector(connectors, "patients", patients, secret, "page-size: 10", "deleted-field: deleted", "created-field: createdAt");
        connector(connectors, "flaky", flaky, secret, "retries: 3", "backoff: 50ms", "max-backoff: 200ms", "read-timeout: 500ms");
        connector(connectors, "paged", paged, secret, "cursor: page-token", "page-size: 4");
        connector(connectors, "revoked", revoked, secret);
        connector(connectors, "mixed", mixed, secret);
        connector(connectors, "crashy", crashy, secret, "page-size: 5");
        EmbeddedServiceProperties.on(root).forEach((key, value) -> registry.add(key, () -> value));
    }

    static void connector(Path connectors, String id, PatientsApi api, Path secret, String... sourceLines) {
        Drops.write(connectors.resolve(id + ".yaml"),
                api.connectorFile(secret, root.resolve("state").resolve(id), "{name: name, idNumber: idCard}", sourceLines));
    }

    @AfterAll
    static void stopServers() {
        for (PatientsApi api : new PatientsApi[] {patients, flaky, paged, revoked, mixed, crashy}) {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void readsEveryPageOfTheFirstPassAsSnapshotThenChangesDeletesAndRecordsStampedAtTheCursorsOwnSecond() throws Exception {
        awaiting().untilAsserted(() -> assertThat(raw("patients")).hasSize(25));
        List<RawRecord> snapshot = raw("patients");
        assertThat(TopicContents.countPerKey(snapshot).values()).as("each patient written once").containsOnly(1L);
        assertThat(snapshot).allSatisfy(r -> assertThat(r.getOperation()).isEqualTo(Operation.SNAPSHOT));
        RawRecord first = TopicContents.byKey(snapshot).get("HP0001");
        assertThat(first.getSourcePosition()).isEqualTo("2025-02-03T08:00:00+08:00");
        assertThat(first.getSourceTime()).isEqualTo(java.time.Instant.parse("2025-02-03T00:00:00Z"));
        assertThat(TopicContents.payload(first).get("name").asText()).isEqualTo("测试患者1");
        assertThat(first.getSourceMeta()).containsEntry("url", patients.url().toString());
        assertThat(patients.queries()).anySatisfy(q -> assertThat(q).contains("pageToken=").contains("pageSize=10"));

        // The newest record so far is HP0024 and HP0025 at 08:12:00; the next one is stamped at that very second.
        patients.put("HP0026", "2025-02-03T08:12:00+08:00", Map.of("name", "同秒新患者", "createdAt", "2025-02-03T08:12:00+08:00"));
        patients.put("HP0003", "2025-02-04T09:00:00+08:00", Map.of("name", "测试患者3", "mobile", "+86 139-0000-0003"));
        patients.put("HP0004", "2025-02-04T09:00:01+08:00", Map.of("name", "测试患者4", "deleted", true));
        patients.put("HP0027", "2025-02-04T09:00:02+08:00", Map.of("name", "新患者", "createdAt", "2025-02-04T09:00:02+08:00"));

        awaiting().untilAsserted(() -> assertThat(raw("patients")).hasSize(29));
        Map<String, List<Operation>> operations = raw("patients").stream().collect(Collectors.groupingBy(RawRecord::getSourceKey,
                Collectors.mapping(RawRecord::getOperation, Collectors.toList())));
        assertThat(operations.get("HP0026")).containsExactly(Operation.CREATE);
        assertThat(operations.get("HP0003")).containsExactly(Operation.SNAPSHOT, Operation.UPDATE);
        assertThat(operations.get("HP0004")).containsExactly(Operation.SNAPSHOT, Operation.DELETE);
        assertThat(operations.get("HP0027")).containsExactly(Operation.CREATE);
        assertThat(operations.get("HP0025")).as("the overlap asks again for 08:12:00; what was written is skipped").containsExactly(Operation.SNAPSHOT);
        assertThat(patients.queries()).anySatisfy(q -> assertThat(q).contains("updatedSince=2025-02-04T09%3A00%3A01%2B08%3A00"));
        ConnectorStatus status = status("patients");
        assertThat(status.state().name()).isEqualTo("RUNNING");
        assertThat(status.recordsIn()).isEqualTo(29);
        assertThat(status.lastSourceTime()).isEqualTo("2025-02-04T01:00:02Z");
        JsonNode cursor = JSON.readTree(root.resolve("state/patients/cursor.json").toFile());
        assertThat(cursor.get("since").asText()).isEqualTo("2025-02-04T09:00:02+08:00");
    }

    @Test
    void repeatsFailedAndSlowRequestsWithBackoffAndAfterAFailedPollAsksForTheSamePageAgain() {
        flaky.failNext(2, 503);
        flaky.slowNext(1, Duration.ofSeconds(2));
        flaky.withPatients(1, 3, "2025-03-01");

        awaiting().untilAsserted(() -> assertThat(raw("flaky")).hasSize(3));
        assertThat(flaky.answered(503)).isEqualTo(2);

        // More failures than retries: the poll gives up, the status says so, and the next poll gets the page.
        flaky.failNext(4, 500);
        flaky.withPatients(4, 2, "2025-03-02");

        awaiting().untilAsserted(() -> assertThat(raw("flaky")).hasSize(5));
        assertThat(flaky.answered(500)).isEqualTo(4);
        assertThat(TopicContents.countPerKey(raw("flaky")).values()).containsOnly(1L);
        ConnectorStatus status = status("flaky");
        assertThat(status.state().name()).isEqualTo("RUNNING");
        assertThat(status.lastError()).contains("failed 4 times").contains("HTTP 500").doesNotContain(TOKEN);
    }

    @Test
    void followsThePageTokenAndAsksForTheLastPageAgainWithoutWritingItTwice() {
        awaiting().untilAsserted(() -> assertThat(raw("paged")).hasSize(10));
        long asked = paged.answered(200);
        // Let a few polls re-read the last page.
        awaiting().until(() -> paged.answered(200) >= asked + 3);
        assertThat(raw("paged")).hasSize(10);

        paged.put("HP0011", "2025-02-05T10:00:00+08:00", Map.of("name", "新患者"));

        awaiting().untilAsserted(() -> assertThat(raw("paged")).hasSize(11));
        assertThat(TopicContents.countPerKey(raw("paged")).values()).containsOnly(1L);
        RawRecord added = TopicContents.byKey(raw("paged")).get("HP0011");
        assertThat(added.getOperation()).isEqualTo(Operation.UPDATE);
        assertThat(added.getSourcePosition()).startsWith("pageToken=").endsWith("#2");
    }

    @Test
    void stopsAskingWhenTheApiRefusesTheTokenAndSaysWhatToFixWithoutShowingIt() {
        awaiting().untilAsserted(() -> assertThat(raw("revoked")).hasSize(2));

        revoked.token("rotated-by-the-department");

        awaiting().untilAsserted(() -> assertThat(status("revoked").state().name()).isEqualTo("FAILED"));
        ConnectorStatus status = status("revoked");
        assertThat(status.lastError()).contains("HTTP 401").contains("${file:").contains("Fix:").doesNotContain(TOKEN);
        assertThat(status.notes()).anySatisfy(n -> assertThat(n).startsWith("deletes are not seen"));
        // Not asked again: one refused request, however many polls pass.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> revoked.answered(401) == 1);
    }

    @Test
    void keepsRejectsOfRecordsWithoutAKeyAndGoesOn() {
        mixed.put("", "2025-03-03T08:00:00+08:00", Map.of("name", "无编号"));
        mixed.put("HP0100", "2025-03-03T08:00:01+08:00", Map.of("name", "有编号"));

        awaiting().untilAsserted(() -> assertThat(raw("mixed")).extracting(RawRecord::getSourceKey).contains("HP0100"));
        awaiting().untilAsserted(() -> assertThat(TopicContents.rejected(backbone, "mixed")).extracting(RejectedRecord::getReason)
                .contains("KEY_MISSING"));
        RejectedRecord reject = TopicContents.rejected(backbone, "mixed").stream().filter(r -> r.getReason().equals("KEY_MISSING"))
                .findFirst().orElseThrow();
        assertThat(reject.getMessage()).doesNotContain("无编号");
        assertThat(new String(bytes(reject.getOriginalPayload()), StandardCharsets.UTF_8)).contains("无编号");
    }

    @Test
    void aPageWrittenButNotMarkedIsReadAgainWithTheSameKeysPositionsAndContent() throws Exception {
        AtomicInteger pagesToCrash = new AtomicInteger(2);
        AdviceWith.adviceWith(camel, "http-poll-crashy", route -> route.weaveByToString(".*rawSink.*publish.*").after()
                .process(exchange -> {
                    IngestBatch batch = exchange.getMessage().getBody(IngestBatch.class);
                    if (!batch.records().isEmpty() && pagesToCrash.decrementAndGet() == 0) {
                        throw new IllegalStateException("a crash after Kafka acknowledged page 2, before its cursor was stored");
                    }
                }));

        crashy.withPatients(1, 12, "2025-04-01");

        awaiting().untilAsserted(() -> assertThat(TopicContents.countPerKey(raw("crashy"))).hasSize(12));
        List<RawRecord> records = raw("crashy");
        assertThat(records).as("page 2 was written twice").hasSize(17);
        Map<String, List<String>> copies = records.stream().collect(Collectors.groupingBy(RawRecord::getSourceKey,
                Collectors.mapping(r -> r.getOperation() + " " + r.getSourcePosition() + " " + new String(bytes(r.getPayload()), StandardCharsets.UTF_8),
                        Collectors.toList())));
        assertThat(copies.values()).allSatisfy(versions -> assertThat(versions).containsOnly(versions.get(0)));
        assertThat(copies.values().stream().filter(v -> v.size() == 2)).hasSize(5);
    }

    private List<RawRecord> raw(String connector) {
        return TopicContents.raw(backbone, Topics.raw(connector).name());
    }

    private ConnectorStatus status(String connector) {
        return JSON.convertValue(http.getForObject("/actuator/connectors/" + connector, Map.class), ConnectorStatus.class);
    }

    static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static ConditionFactory awaiting() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }
}
