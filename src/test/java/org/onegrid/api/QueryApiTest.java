package org.onegrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.testing.GoldenPersonBuilder.aGoldenPerson;
import static org.onegrid.testing.TestSubscribers.CHANGQING_1;
import static org.onegrid.testing.TestSubscribers.NANHU_1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.AuditAction;
import org.onegrid.schema.AuditCredential;
import org.onegrid.schema.AuditEvent;
import org.onegrid.schema.AuditOutcome;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.TestSubscribers;
import org.onegrid.testing.TestTokens;
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
 * The query API on the running service (a real broker in the JVM, a real HTTP server on a random port), with the
 * example subscribers of docs/security.md: allowed reads come masked as each policy says, every other read is
 * refused, and the audit log holds every read, refused ones too, without personal data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Read before dynamic properties are: the sandbox departments start while the environment is prepared.
        properties = {"onegrid.sandbox.enabled=false", "logging.file.name=target/query-api/onegrid.log"})
class QueryApiTest {

    private static final Map<String, Object> PROPERTIES = EmbeddedServiceProperties.on(
            Path.of("target", "query-api-" + ProcessHandle.current().pid()).toAbsolutePath());
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "");
    private static final String CHEN = "PC" + hex(RUN);
    private static final String CHEN_ELSEWHERE = "PD" + hex(RUN);
    private static final String WANG = "PE" + hex(RUN);
    /** Valid ID numbers (the check character right), as the golden table holds them. */
    private static final String CHEN_ID = "36050219850302146X";
    private static final String CHEN_ELSEWHERE_ID = "36050219900101124X";
    private static final String NOBODYS_ID = "360502198001011237";
    private static String policeKey;

    /**
     * The example subscribers of docs/security.md, and a police station that sees ID numbers in full, but only in
     * its street (城北街道).
     */
    @DynamicPropertySource
    static void subscribers(DynamicPropertyRegistry registry) throws IOException {
        TestSubscribers.apiKeys();
        TestTokens.provider();
        Path subscribers = Files.createDirectories(Path.of((String) PROPERTIES.get("onegrid.security.subscribers-dir")));
        for (String id : TestSubscribers.IDS) {
            Files.copy(TestSubscribers.DIR.resolve(id + ".yaml"), subscribers.resolve(id + ".yaml"), StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        policeKey = HexFormat.of().formatHex(bytes);
        Path keyFile = subscribers.resolveSibling("police-station.key");
        Files.writeString(keyFile, policeKey);
        Files.writeString(subscribers.resolve("police-station.yaml"), """
                description: 城北派出所 police station
                api: { key: "${file:%s}" }
                scope: { streets: ["360502001"] }
                fields: { idNumber: show, name: show, grid: show }
                """.formatted(keyFile));
        PROPERTIES.put("onegrid.mapping.grid-register", TestSubscribers.REGISTER.toAbsolutePath().toString());
        // Set in the annotation, which is read first.
        PROPERTIES.remove("onegrid.sandbox.enabled");
        PROPERTIES.remove("logging.file.name");
        PROPERTIES.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("onegrid.security.jwt.jwks", () -> TestTokens.JWKS.toAbsolutePath().toString());
        registry.add("onegrid.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("onegrid.security.jwt.audience", () -> TestTokens.AUDIENCE);
    }

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    private static boolean published;

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Integer.toHexString(c).toUpperCase());
        }
        return out.toString();
    }

    private static GoldenPerson chen(String id, long version) {
        return aGoldenPerson(id).named("陈晓明").withId(CHEN_ID).female().born("1985-03-02")
                .withPhone("13812345678").withAttribute("chronic_conditions", "health", "高血压").version(version)
                .in(CHANGQING_1, "长青社区", "阳光花园", "3").build();
    }

    private synchronized void publishOnce() throws Exception {
        if (published) {
            return;
        }
        GoldenPerson elsewhere = aGoldenPerson(CHEN_ELSEWHERE).named("陈晓明").withId(CHEN_ELSEWHERE_ID)
                .withPhone("13900001111").version(1).in(NANHU_1, "南湖社区", "南湖小区", "1").build();
        GoldenPerson wang = aGoldenPerson(WANG).named("王丽").version(1).in(CHANGQING_1, "长青社区", "阳光花园", "5").build();
        send(chen(CHEN, 1), elsewhere, wang);
        // The three land on different partitions of the golden topic, each read on its own: wait for all of them.
        for (String personId : List.of(CHEN, CHEN_ELSEWHERE, WANG)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> get("/api/persons/" + personId, key("health-department")).getStatusCode() == HttpStatus.OK);
        }
        published = true;
    }

    private void send(GoldenPerson... persons) throws Exception {
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(),
                Topics.GOLDEN.valueSerde(GoldenPerson.class))) {
            for (GoldenPerson person : persons) {
                producer.send(new ProducerRecord<>(Topics.GOLDEN.name(), person.getPersonId(), person)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpHeaders key(String subscriber) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", TestSubscribers.apiKeys().get(subscriber));
        return headers;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResponseEntity<Map<String, Object>> get(String path, HttpHeaders headers) {
        ResponseEntity<Map> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), Map.class);
        return (ResponseEntity) response;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResponseEntity<Map<String, Object>> search(String name, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> response = http.exchange("/api/persons/search", HttpMethod.POST,
                new HttpEntity<>(Map.of("name", name), headers), Map.class);
        return (ResponseEntity) response;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResponseEntity<Map<String, Object>> searchById(String idNumber, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> response = http.exchange("/api/persons/search", HttpMethod.POST,
                new HttpEntity<>(Map.of("idNumber", idNumber), headers), Map.class);
        return (ResponseEntity) response;
    }

    private static HttpHeaders policeStation() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", policeKey);
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> persons(ResponseEntity<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.getBody().get("persons");
    }

    @Test
    void streetOfficeReadsAGridOfItsStreetWithIdNumbersAndPhonesMasked() throws Exception {
        publishOnce();

        var response = get("/api/grids/" + CHANGQING_1.getGrid() + "/persons", key("street-office"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> chen = persons(response).stream().filter(p -> p.get("personId").equals(CHEN)).findFirst().orElseThrow();
        assertThat(chen).containsEntry("name", "陈晓明").containsEntry("idNumber", "360502********146X")
                .containsEntry("phones", List.of("138****5678")).containsEntry("attributes", List.of())
                .containsEntry("subscriber", "street-office");
        assertThat(persons(response)).extracting(p -> p.get("personId")).doesNotContain(CHEN_ELSEWHERE);
    }

    @Test
    void refusesAGridOutsideTheCallersScope() throws Exception {
        publishOnce();

        assertThat(get("/api/grids/" + NANHU_1.getGrid() + "/persons", key("street-office")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/grids/" + NANHU_1.getGrid() + "/persons", key("community-dashboard")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void communityDashboardReadsAPersonOfItsCommunityMaskedAndNobodyElse() throws Exception {
        publishOnce();

        var response = get("/api/persons/" + CHEN, key("community-dashboard"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("name", "陈*明").containsEntry("birthYear", 1985)
                .containsEntry("idNumber", null).containsEntry("phones", List.of()).containsEntry("birthDate", null);
        assertThat(get("/api/persons/" + CHEN_ELSEWHERE, key("community-dashboard")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/persons/PFFFFFF", key("community-dashboard")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void healthDepartmentSeesHealthAttributesCityWide() throws Exception {
        publishOnce();

        var response = get("/api/persons/" + CHEN_ELSEWHERE, key("health-department"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("idNumber", CHEN_ELSEWHERE_ID).containsEntry("phones", List.of("13900001111"));
        assertThat((Map<String, Object>) get("/api/persons/" + CHEN, key("health-department")).getBody())
                .extracting(b -> b.get("attributes")).asList().hasSize(1);
    }

    @Test
    void searchesByNameWithinTheScopeOnly() throws Exception {
        publishOnce();

        assertThat(persons(search("陳曉明", key("street-office")))).extracting(p -> p.get("personId")).containsExactly(CHEN);
        assertThat(persons(search("陈晓明", key("health-department")))).extracting(p -> p.get("personId"))
                .containsExactlyInAnyOrder(CHEN, CHEN_ELSEWHERE);
        assertThat(persons(search("陈晓明", key("community-dashboard")))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "陈*明"));
    }

    @Test
    void findsThePersonHoldingAnIdNumberWrittenInAnyOfItsForms() throws Exception {
        publishOnce();

        for (String written : List.of(CHEN_ID, CHEN_ID.toLowerCase(), " 360502 19850302 146x ", "３６０５０２１９８５０３０２１４６Ｘ",
                "360502850302146")) {
            var response = searchById(written, key("health-department"));
            assertThat(response.getStatusCode()).as(written).isEqualTo(HttpStatus.OK);
            assertThat(persons(response)).as(written).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("personId", CHEN).containsEntry("idNumber", CHEN_ID));
        }
        assertThat(persons(searchById(CHEN_ELSEWHERE_ID, key("health-department")))).extracting(p -> p.get("personId"))
                .containsExactly(CHEN_ELSEWHERE);
        assertThat(persons(searchById(NOBODYS_ID, key("health-department")))).as("a valid number nobody holds").isEmpty();
    }

    @Test
    void findsByIdNumberOnlyWithinTheCallersScope() throws Exception {
        publishOnce();

        assertThat(persons(searchById(CHEN_ID, policeStation()))).extracting(p -> p.get("personId")).containsExactly(CHEN);
        var elsewhere = searchById(CHEN_ELSEWHERE_ID, policeStation());
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(persons(elsewhere)).as("a person in another street is not revealed to exist").isEmpty();
    }

    @Test
    void refusesAnIdNumberSearchToSubscribersThatDoNotSeeIdNumbersInFull() throws Exception {
        publishOnce();

        for (String subscriber : List.of("street-office", "community-dashboard")) {
            for (String idNumber : List.of(CHEN_ID, NOBODYS_ID)) {
                var response = searchById(idNumber, key(subscriber));
                assertThat(response.getStatusCode()).as(subscriber).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(response.getBody()).as(subscriber).doesNotContainKey("persons")
                        .extractingByKey("error").asString().contains("does not show ID numbers in full");
            }
        }
    }

    @Test
    void refusesAnIdNumberThatIsNotValid() throws Exception {
        publishOnce();

        for (String invalid : List.of("360502198503021461", "36050219850302146", "陈晓明", "")) {
            var response = searchById(invalid, key("health-department"));
            assertThat(response.getStatusCode()).as(invalid).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).extractingByKey("error").asString().contains("not a valid ID number");
        }
    }

    @Test
    void streetOfficeReadsWithABearerTokenOfTheCitysIdentityProvider() throws Exception {
        publishOnce();
        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(TestTokens.provider().token("street-office"));

        var response = get("/api/persons/" + CHEN, token);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("subscriber", "street-office").containsEntry("idNumber", "360502********146X");
    }

    @Test
    void refusesATokenOfAnUnknownSubjectOrSignedByAnotherKey() throws Exception {
        publishOnce();
        HttpHeaders stranger = new HttpHeaders();
        stranger.setBearerAuth(TestTokens.provider().token("someone-else"));
        HttpHeaders forged = new HttpHeaders();
        forged.setBearerAuth(TestTokens.forger().token("health-department"));

        assertThat(get("/api/persons/" + CHEN, stranger).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/api/persons/" + CHEN, forged).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void refusesAMissingOrForgedKeyOrToken() throws Exception {
        publishOnce();
        String path = "/api/persons/" + CHEN;

        assertThat(get(path, new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpHeaders forged = new HttpHeaders();
        forged.set("X-API-Key", TestSubscribers.apiKeys().get("health-department") + "0");
        assertThat(get(path, forged).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth("eyJhbGciOiJub25lIn0.eyJzdWIiOiJoZWFsdGgtZGVwYXJ0bWVudCJ9.");
        assertThat(get(path, token).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(search("陈晓明", new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void auditsEveryReadAllowedOrRefusedWithoutPersonalData() throws Exception {
        publishOnce();
        String marker = "P" + hex(UUID.randomUUID().toString().substring(0, 4).toUpperCase());
        get("/api/persons/" + marker, key("street-office"));
        get("/api/persons/" + marker, new HttpHeaders());
        get("/api/grids/" + NANHU_1.getGrid() + "/persons", key("street-office"));
        search("陈晓明", key("street-office"));
        get("/api/persons/" + CHEN_ID, key("street-office"));
        searchById(CHEN_ID.toLowerCase(), key("health-department"));
        searchById(CHEN_ID, key("street-office"));

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Object> config = backbone.clientConfig();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor("onegrid.audit").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        var serde = AvroSerde.of(AuditEvent.class);
        List<AuditEvent> events = records.stream().map(r -> serde.decode(r.value())).toList();

        assertThat(events).anySatisfy(e -> {
            assertThat(e.getTarget()).isEqualTo(marker);
            assertThat(e.getSubscriber()).isEqualTo("street-office");
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.NOT_FOUND);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getTarget()).isEqualTo(marker);
            assertThat(e.getSubscriber()).isNull();
            assertThat(e.getCredential()).isEqualTo(AuditCredential.NONE);
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.UNAUTHENTICATED);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.GRID_TABLE);
            assertThat(e.getTarget()).isEqualTo("grid:" + NANHU_1.getGrid());
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.FORBIDDEN);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.SEARCH);
            assertThat(e.getSubscriber()).isEqualTo("street-office");
            assertThat(e.getPersonIds()).containsExactly(CHEN);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.PERSON);
            assertThat(e.getTarget()).isEqualTo("(withheld)");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.SEARCH);
            assertThat(e.getTarget()).isEqualTo("(withheld)");
            assertThat(e.getSubscriber()).isEqualTo("health-department");
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.ALLOWED);
            assertThat(e.getPersonIds()).containsExactly(CHEN);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.SEARCH);
            assertThat(e.getTarget()).isEqualTo("(withheld)");
            assertThat(e.getSubscriber()).isEqualTo("street-office");
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.FORBIDDEN);
        });
        for (ConsumerRecord<String, byte[]> record : records) {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(CHEN_ID, CHEN_ID.toLowerCase(), "360502850302146", "陈晓明", "13812345678", "138****5678");
        }
    }

    @Test
    void streetOfficeViewTopicRetractsAPersonWhoMovesAway() throws Exception {
        publishOnce();
        String mover = "PF" + hex(RUN);
        send(aGoldenPerson(mover).named("李国庆").withId("36050219700101123X").version(1)
                .in(CHANGQING_1, "长青社区", "阳光花园", "6").build());
        GoldenPerson moved = aGoldenPerson(mover).named("李国庆").version(2).in(NANHU_1, "南湖社区", "南湖小区", "2").build();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/persons/" + mover, key("street-office")).getStatusCode() == HttpStatus.OK);
        send(moved);

        var spec = Topics.view("street-office", false);
        Map<String, Object> config = backbone.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<PersonView> history = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), spec.valueSerde(PersonView.class))) {
            var partitions = consumer.partitionsFor(spec.name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(mover)) {
                        history.add(r.value());
                    }
                });
                return history.size() >= 2;
            });
        }
        assertThat(history).hasSize(2);
        assertThat(history.get(0).getIdNumber()).isEqualTo("360502********123X");
        assertThat(history.get(0).getName()).isEqualTo("李国庆");
        assertThat(history.get(1)).as("a tombstone").isNull();
    }
}
