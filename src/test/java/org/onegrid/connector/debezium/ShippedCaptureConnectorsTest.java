package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.TopicContents;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.embedded.sandbox.LiveChanges;
import org.onegrid.embedded.sandbox.Sandbox;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.FreePorts;
import org.onegrid.testing.ShippedConnector;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The connector files shipped in {@code connectors/} for the two sandbox databases, exactly as shipped except where the
 * sandbox runs (free ports and a folder of the test's own): the service with the sandbox brings both to RUNNING, every
 * row of both departments arrives through Debezium on its raw topic, and the shipped {@code mapping:} blocks map every
 * one of them onto the shared schema. The generator injects no error these mappings reject (names are never missing,
 * an ID number is missing only where a name is stated), so there must be no reject at all; dates must be the days the
 * departments stored. Then live changes stream through the same way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedCaptureConnectorsTest {

    static final String CIVIL = "civil-affairs";
    static final String POLICE = "public-security";
    static final Duration DEADLINE = Duration.ofSeconds(180);
    /** Who logs when a connector loses its database: Debezium, its drivers, the connector routes, the sandbox. */
    static final List<String> CAPTURE_LOGGERS = List.of("io.debezium", "org.postgresql", "org.mariadb", "com.github.shyiko",
            "org.onegrid.connector", "org.onegrid.embedded.sandbox", "org.apache.camel");

    /** Not a @TempDir: the databases may still be writing their files while JUnit would delete them. */
    static final Path root = Path.of("target", "shipped-capture-" + ProcessHandle.current().pid()).toAbsolutePath();

    static int postgresPort;
    static int mariadbPort;
    static ConfigurableApplicationContext service;
    static KafkaBackbone backbone;

    @BeforeAll
    static void startServiceWithSandbox() throws Exception {
        postgresPort = FreePorts.next();
        mariadbPort = FreePorts.next();
        Path sandbox = root.resolve("sandbox");
        Path connectors = Files.createDirectories(root.resolve("connectors"));
        ShippedConnector.relocate(CIVIL, connectors, source -> source.put("port", postgresPort)
                .put("password", "${file:" + sandbox.resolve("secrets/civil-affairs.password") + "}")
                .put("state-dir", root.resolve("state").resolve(CIVIL).toString()));
        ShippedConnector.relocate(POLICE, connectors, source -> source.put("port", mariadbPort)
                .put("password", "${file:" + sandbox.resolve("secrets/public-security.password") + "}")
                .put("state-dir", root.resolve("state").resolve(POLICE).toString()));
        service = CaptureService.on(root, Map.of(
                "onegrid.sandbox.enabled", true,
                "onegrid.sandbox.dir", sandbox,
                "onegrid.sandbox.persons", 300,
                "onegrid.sandbox.postgres-port", postgresPort,
                "onegrid.sandbox.mariadb-port", mariadbPort,
                "onegrid.sandbox.health-port", FreePorts.next(),
                "onegrid.mapping.grid-register", sandbox.resolve("grid-register.yaml"))).start();
        backbone = service.getBean(KafkaBackbone.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void theShippedFilesPointAtTheSandboxOnItsDefaultPortsWithSecretsAsReferences() throws Exception {
        JsonNode defaults = ShippedConnector.applicationDefaults().path("onegrid").path("sandbox");
        JsonNode civil = ShippedConnector.read(CIVIL).path("source");
        JsonNode police = ShippedConnector.read(POLICE).path("source");

        assertThat(civil.path("port").asInt()).isEqualTo(defaults.path("postgres-port").asInt());
        assertThat(civil.path("password").asText()).isEqualTo("${file:var/sandbox/secrets/civil-affairs.password}");
        assertThat(police.path("port").asInt()).isEqualTo(defaults.path("mariadb-port").asInt());
        assertThat(police.path("password").asText()).isEqualTo("${file:var/sandbox/secrets/public-security.password}");
        assertThat(defaults.path("dir").asText()).isEqualTo("var/sandbox");
    }

    @Test
    @Order(2)
    void bothConnectorsRunAndEverySandboxRowArrivesOnItsRawTopic() throws Exception {
        ConnectorStatuses statuses = service.getBean(ConnectorStatuses.class);
        assertThat(statuses.of(CIVIL).orElseThrow().state()).isEqualTo(ConnectorState.RUNNING);
        assertThat(statuses.of(POLICE).orElseThrow().state()).isEqualTo(ConnectorState.RUNNING);
        Set<String> civilRows = civilAffairsBirthDays().keySet();
        Set<String> policeRows = publicSecurityKeys();
        assertThat(civilRows).hasSizeGreaterThan(20);
        assertThat(policeRows).hasSizeGreaterThan(200);

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(keys(RawTopic.of(RawTopic.read(backbone, CIVIL), Operation.SNAPSHOT))).isEqualTo(civilRows);
            assertThat(keys(RawTopic.of(RawTopic.read(backbone, POLICE), Operation.SNAPSHOT))).isEqualTo(policeRows);
        });
    }

    @Test
    @Order(3)
    void theShippedMappingsMapEveryRowWithoutARejectAndKeepTheStoredBirthDays() throws Exception {
        Map<String, LocalDate> civilBirthDays = civilAffairsBirthDays();
        Set<String> policeKeys = publicSecurityKeys();

        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, SourcePerson> persons = sourcePersons();
            assertThat(persons.keySet()).containsAll(refs(CIVIL, civilBirthDays.keySet())).containsAll(refs(POLICE, policeKeys));
        });
        assertThat(rejectsByReason(CIVIL)).isEmpty();
        assertThat(rejectsByReason(POLICE)).isEmpty();
        Map<String, SourcePerson> persons = sourcePersons();
        civilBirthDays.forEach((id, day) -> assertThat(persons.get(CIVIL + "/" + id).getBirthDate())
                .as("birth day of civil-affairs row %s", id).isEqualTo(day));
        assertThat(persons.values()).filteredOn(p -> p.getConnector().equals(CIVIL) || p.getConnector().equals(POLICE))
                .allSatisfy(p -> {
                    assertThat(p.getDeleted()).isFalse();
                    assertThat(p.getName()).isNotBlank();
                    assertThat(p.getFlags()).doesNotContain("BIRTH_DATE_UNPARSEABLE", "BIRTH_DATE_OUT_OF_RANGE", "BIRTH_DATE_IMPOSSIBLE");
                });
    }

    @Test
    @Order(4)
    void liveChangesInTheDepartmentStreamThroughAndAreMappedToo() throws Exception {
        LiveChanges changes = service.getBean(Sandbox.class).changes();
        Map<LiveChanges.Kind, Integer> made = changes.apply(6, List.of(LiveChanges.Kind.MOVE, LiveChanges.Kind.PHONE,
                LiveChanges.Kind.BIRTH, LiveChanges.Kind.DEATH));
        assertThat(made.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);

        await().atMost(DEADLINE).untilAsserted(() -> {
            List<RawRecord> raw = RawTopic.read(backbone, POLICE);
            assertThat(RawTopic.of(raw, Operation.UPDATE)).hasSize(made.get(LiveChanges.Kind.MOVE) + made.get(LiveChanges.Kind.PHONE));
            assertThat(RawTopic.of(raw, Operation.CREATE)).hasSize(made.get(LiveChanges.Kind.BIRTH));
            assertThat(RawTopic.of(raw, Operation.DELETE)).hasSize(made.get(LiveChanges.Kind.DEATH));
        });
        Set<String> stillThere = publicSecurityKeys();
        List<RawRecord> raw = RawTopic.read(backbone, POLICE);
        String born = RawTopic.of(raw, Operation.CREATE).get(0).getSourceKey();
        String died = RawTopic.of(raw, Operation.DELETE).get(0).getSourceKey();
        assertThat(stillThere).contains(born).doesNotContain(died);
        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, SourcePerson> persons = sourcePersons();
            assertThat(persons.get(POLICE + "/" + born)).isNotNull().satisfies(p -> assertThat(p.getDeleted()).isFalse());
            assertThat(persons.get(POLICE + "/" + died)).isNotNull().satisfies(p -> assertThat(p.getDeleted()).isTrue());
        });
        assertThat(rejectsByReason(POLICE)).isEmpty();
    }

    @Test
    @Order(5)
    void stopsTheConnectorsBeforeTheSandboxDatabasesTheyRead() throws Exception {
        service.close();
        service = null;

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(root.resolve("log/onegrid.log"));
        assertThat(lines).hasSizeGreaterThan(100);
        List<String> errors = new java.util.ArrayList<>();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            String logger = entry.path("log").path("logger").asText();
            if (entry.path("log").path("level").asText().equals("ERROR") && CAPTURE_LOGGERS.stream().anyMatch(logger::startsWith)) {
                errors.add(entry.path("log").path("logger").asText() + ": " + entry.path("message").asText());
            }
        }
        assertThat(errors).as("errors of change capture and the sandbox, shutdown included").isEmpty();
    }

    private static Map<String, SourcePerson> sourcePersons() {
        Map<String, SourcePerson> latest = new HashMap<>();
        TopicContents.read(backbone, org.onegrid.backbone.Topics.SOURCE.name(), org.onegrid.backbone.AvroSerde.of(SourcePerson.class))
                .forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static Map<String, Long> rejectsByReason(String connector) {
        return TopicContents.rejected(backbone, connector).stream()
                .collect(Collectors.groupingBy(RejectedRecord::getReason, TreeMap::new, Collectors.counting()));
    }

    private static Set<String> keys(List<RawRecord> records) {
        return records.stream().map(RawRecord::getSourceKey).collect(Collectors.toSet());
    }

    private static Set<String> refs(String connector, Set<String> keys) {
        return keys.stream().map(k -> connector + "/" + k).collect(Collectors.toSet());
    }

    /** Every civil-affairs row's id and stored birthday, read the way the department's application reads them. */
    private static Map<String, LocalDate> civilAffairsBirthDays() throws Exception {
        Map<String, LocalDate> days = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/civil_affairs", "onegrid",
                secret("civil-affairs.password")); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, birthday FROM ca_resident")) {
            while (rows.next()) {
                days.put(rows.getString(1), rows.getObject(2, LocalDate.class));
            }
        }
        return days;
    }

    private static Set<String> publicSecurityKeys() throws Exception {
        Set<String> keys = new java.util.HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + mariadbPort + "/public_security", "onegrid",
                secret("public-security.password")); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT RYBH FROM rk_jbxx")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static String secret(String name) throws Exception {
        return Files.readString(root.resolve("sandbox/secrets").resolve(name)).strip();
    }
}
