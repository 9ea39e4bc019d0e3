package org.onegrid.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.testing.TestSubscribers.CHANGQING_1;
import static org.onegrid.testing.TestSubscribers.NANHU_1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.connector.Drops;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.Stage;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.TestSubscribers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's API on the running service (a real broker, a real HTTP server), with the example subscribers of
 * docs/security.md: the street office is a reviewer, the health department an operator. Sign-in gives a session
 * cookie; the work list holds only the caller's scope, masked by its policy; an answer becomes a reviewer decision on
 * the topic, with the unmasked value and the reviewer; rejected records are for operators, masked, and a mapping
 * reject is re-submitted to its raw topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onegrid.sandbox.enabled=false", "logging.file.name=target/console-api/onegrid.log"})
class ConsoleApiTest {

    private static final Map<String, Object> PROPERTIES = EmbeddedServiceProperties.on(
            Path.of("target", "console-api-" + ProcessHandle.current().pid()).toAbsolutePath());
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void subscribers(DynamicPropertyRegistry registry) {
        TestSubscribers.apiKeys();
        PROPERTIES.forEach((key, value) -> registry.add(key, () -> value));
        // A connector for the rejected records to go back to (re-submitting needs one).
        Path connectors = Path.of((String) PROPERTIES.get("onegrid.connectors.dir"));
        try {
            Drops.fileDropConnector(connectors, "civil-affairs", Files.createDirectories(connectors.resolveSibling("inbox")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("onegrid.security.subscribers-dir", () -> TestSubscribers.DIR.toAbsolutePath().toString());
        registry.add("onegrid.mapping.grid-register", () -> TestSubscribers.REGISTER.toAbsolutePath().toString());
    }

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    @Test
    void signInGivesAnHttpOnlySameSiteSessionCookieThatStandsForTheSubscriber() {
        ResponseEntity<Map> signIn = signIn("street-office");

        assertThat(signIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        String cookie = signIn.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("ONEGRID_CONSOLE=").contains("HttpOnly").contains("SameSite=Strict");
        ResponseEntity<Map> me = http.exchange("/api/console/me", HttpMethod.GET, new HttpEntity<>(session(cookie)), Map.class);
        assertThat(me.getBody()).containsEntry("subscriber", "street-office").containsEntry("roles", List.of("reviewer"));
        assertThat((List<Map<String, Object>>) me.getBody().get("grids")).extracting(g -> g.get("code"))
                .contains(CHANGQING_1.getGrid()).doesNotContain(NANHU_1.getGrid());
        assertThat((List<String>) me.getBody().get("columns")).contains("idNumber", "name");

        HttpHeaders wrong = new HttpHeaders();
        wrong.set("X-API-Key", TestSubscribers.apiKeys().get("street-office") + "0");
        assertThat(http.exchange("/console/session", HttpMethod.POST, new HttpEntity<>(wrong), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpHeaders out = session(cookie);
        http.exchange("/console/session", HttpMethod.DELETE, new HttpEntity<>(out), Void.class);
        assertThat(http.exchange("/api/console/me", HttpMethod.GET, new HttpEntity<>(session(cookie)), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theWorkListHoldsTheCallersScopeMaskedAndAnAnswerBecomesAReviewerDecision() throws Exception {
        Conflict here = conflict("C-here-" + RUN, CHANGQING_1);
        Conflict elsewhere = conflict("C-elsewhere-" + RUN, NANHU_1);
        send(Topics.CONFLICTS, here.getConflictId(), Topics.CONFLICTS.valueSerde(Conflict.class).encode(here));
        send(Topics.CONFLICTS, elsewhere.getConflictId(), Topics.CONFLICTS.valueSerde(Conflict.class).encode(elsewhere));
        String cookie = signIn("street-office").getHeaders().getFirst(HttpHeaders.SET_COOKIE);

        await().atMost(Duration.ofSeconds(60)).until(() -> ids(worklist(cookie)).contains(here.getConflictId()));
        List<Map<String, Object>> items = worklist(cookie);
        assertThat(ids(items)).doesNotContain(elsewhere.getConflictId());
        Map<String, Object> item = items.stream().filter(i -> i.get("conflictId").equals(here.getConflictId())).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) item.get("candidates")).extracting(c -> c.get("value"))
                .containsExactly("360502********123X", "360502********1234");

        HttpHeaders withoutHeader = session(cookie);
        withoutHeader.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/console/worklist/answers", HttpMethod.POST,
                new HttpEntity<>(Map.of("conflictId", here.getConflictId(), "choice", 1), withoutHeader), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(signIn("health-department").getHeaders().getFirst(HttpHeaders.SET_COOKIE), here, Map.of("choice", 1))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(cookie, elsewhere, Map.of("choice", 1)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer(cookie, here, Map.of("choice", 5)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        ResponseEntity<Map> accepted = answer(cookie, here, Map.of("choice", 1, "note", "checked the household register"));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String decisionId = (String) accepted.getBody().get("decisionId");
        ReviewerDecision decision = Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class)
                .decode(read(Topics.REVIEW_DECISIONS.name(), decisionId));
        assertThat(decision.getConflictId()).isEqualTo(here.getConflictId());
        assertThat(decision.getVerdict()).isEqualTo(ReviewVerdict.RIGHT_VALUE);
        assertThat(decision.getRecord().getConnector()).isEqualTo("civil-affairs");
        assertThat(decision.getRecord().getSourceKey()).isEqualTo("MZ-2");
        assertThat(decision.getField()).isEqualTo("idNumber");
        assertThat(decision.getValue()).isEqualTo("360502198503021234");
        assertThat(decision.getDecidedBy()).isEqualTo("street-office");
        assertThat(decision.getNote()).isEqualTo("checked the household register");
    }

    @Test
    void rejectedRecordsAreForOperatorsMaskedAndAMappingRejectIsResubmittedToItsRawTopic() throws Exception {
        String key = "R" + RUN;
        byte[] payload = ("{\"XM\":\"\",\"SFZH\":\"36050219850302123X\",\"LXDH\":\"13812345678\"}").getBytes(StandardCharsets.UTF_8);
        RejectedRecord mapping = rejected(key, Stage.MAPPING, "MAPPING_NO_IDENTITY", "application/json", payload);
        RejectedRecord ingest = rejected(key + "-csv", Stage.INGEST, "CSV_COLUMN_COUNT", "text/csv; charset=UTF-8",
                "1,36050219850302123X".getBytes(StandardCharsets.UTF_8));
        TopicSpec topic = Topics.rejected(Duration.ofDays(30));
        send(topic, "civil-affairs/" + key, topic.valueSerde(RejectedRecord.class).encode(mapping));
        send(topic, "civil-affairs/" + key + "-csv", topic.valueSerde(RejectedRecord.class).encode(ingest));
        String reviewer = signIn("street-office").getHeaders().getFirst(HttpHeaders.SET_COOKIE);
        String operator = signIn("health-department").getHeaders().getFirst(HttpHeaders.SET_COOKIE);

        assertThat(http.exchange("/api/console/rejected", HttpMethod.GET, new HttpEntity<>(session(reviewer)), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/console/pipeline", HttpMethod.GET, new HttpEntity<>(session(reviewer)), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        List<Map<String, Object>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            records.clear();
            ResponseEntity<Map> response = http.exchange("/api/console/rejected?connector=civil-affairs",
                    HttpMethod.GET, new HttpEntity<>(session(operator)), Map.class);
            if (response.getStatusCode() == HttpStatus.OK) {
                records.addAll((List<Map<String, Object>>) response.getBody().get("records"));
            }
            return records.stream().filter(r -> ((String) r.get("sourceKey")).startsWith(key)).count() == 2;
        });
        Map<String, Object> shown = records.stream().filter(r -> r.get("sourceKey").equals(key)).findFirst().orElseThrow();
        assertThat((String) shown.get("payload")).contains("360502********123X", "138****5678").doesNotContain("13812345678");
        assertThat(shown).containsEntry("resubmittable", true);
        Map<String, Object> csv = records.stream().filter(r -> r.get("sourceKey").equals(key + "-csv")).findFirst().orElseThrow();
        assertThat(csv).containsEntry("resubmittable", false);
        assertThat(resubmit(operator, (String) csv.get("id")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // 503 while the golden table (asked whether a later version was mapped) is still loading.
        List<HttpStatus> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            answers.add((HttpStatus) resubmit(operator, (String) shown.get("id")).getStatusCode());
            return answers.get(answers.size() - 1) != HttpStatus.SERVICE_UNAVAILABLE;
        });
        assertThat(answers.get(answers.size() - 1)).isEqualTo(HttpStatus.ACCEPTED);

        TopicSpec raw = Topics.raw("civil-affairs");
        RawRecord again = raw.valueSerde(RawRecord.class).decode(read(raw.name(), key));
        assertThat(again.getSourceKey()).isEqualTo(key);
        assertThat(StandardCharsets.UTF_8.decode(again.getPayload()).toString()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
        ResponseEntity<Map> pipeline = http.exchange("/api/console/pipeline", HttpMethod.GET, new HttpEntity<>(session(operator)), Map.class);
        assertThat((List<Map<String, Object>>) pipeline.getBody().get("stages")).extracting(s -> s.get("name"))
                .contains("mapping", "resolver", "publish");
    }

    private ResponseEntity<Map> signIn(String subscriber) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", TestSubscribers.apiKeys().get(subscriber));
        return http.exchange("/console/session", HttpMethod.POST, new HttpEntity<>(headers), Map.class);
    }

    private static HttpHeaders session(String setCookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.COOKIE, setCookie.split(";")[0]);
        return headers;
    }

    /** The work list; empty while the service is still starting (503). */
    private List<Map<String, Object>> worklist(String cookie) {
        ResponseEntity<Map> response = http.exchange("/api/console/worklist", HttpMethod.GET, new HttpEntity<>(session(cookie)), Map.class);
        return response.getStatusCode() == HttpStatus.OK ? (List<Map<String, Object>>) response.getBody().get("items") : List.of();
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> i.get("conflictId")).toList();
    }

    private ResponseEntity<Map> answer(String cookie, Conflict conflict, Map<String, Object> body) {
        HttpHeaders headers = session(cookie);
        headers.set("X-OneGrid-Console", "1");
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> withId = new java.util.HashMap<>(body);
        withId.put("conflictId", conflict.getConflictId());
        return http.exchange("/api/console/worklist/answers", HttpMethod.POST, new HttpEntity<>(withId, headers), Map.class);
    }

    private ResponseEntity<Map> resubmit(String cookie, String id) {
        HttpHeaders headers = session(cookie);
        headers.set("X-OneGrid-Console", "1");
        return http.exchange("/api/console/rejected/" + id + "/resubmit", HttpMethod.POST, new HttpEntity<>(headers), Map.class);
    }

    private static Conflict conflict(String id, GridRef grid) {
        return Conflict.newBuilder().setConflictId(id).setKind(ConflictKind.FIELD_DISAGREEMENT).setStatus(ConflictStatus.OPEN)
                .setPersonId("P" + id).setField("idNumber").setGrid(grid).setDetectedAt(Instant.now())
                .setCandidates(List.of(candidate("36050219850302123X", "public-security", "GA-1"),
                        candidate("360502198503021234", "civil-affairs", "MZ-2")))
                .build();
    }

    private static CandidateValue candidate(String value, String connector, String sourceKey) {
        return CandidateValue.newBuilder().setValue(value)
                .setProvenance(Provenance.newBuilder().setConnector(connector).setSourceKey(sourceKey).build()).build();
    }

    private static RejectedRecord rejected(String key, Stage stage, String reason, String contentType, byte[] payload) {
        return RejectedRecord.newBuilder().setReason(reason).setMessage("test").setStage(stage).setConnector("civil-affairs")
                .setSourceKey(key).setSourcePosition("lsn:1").setContentType(contentType)
                .setOriginalPayload(ByteBuffer.wrap(payload)).setRejectedAt(Instant.now()).build();
    }

    private void send(TopicSpec topic, String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** The last value under {@code key} on a topic, read from its beginning. */
    private byte[] read(String topic, String key) {
        byte[][] found = {null};
        try (var consumer = new KafkaConsumer<>(backbone.clientConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found[0] = r.value();
                    }
                });
                return found[0] != null;
            });
        }
        return found[0];
    }
}
