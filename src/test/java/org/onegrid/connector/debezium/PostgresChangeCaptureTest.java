package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.Sql;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The debezium-postgres type in the running service: a real PostgreSQL (logical decoding, pgoutput), the real
 * embedded Kafka broker, the route template and the raw sink. One database and one service for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresChangeCaptureTest {

    static final String CIVIL = "civil-affairs";
    static final String CRASH = "ca-crash";
    static final Duration DEADLINE = Duration.ofSeconds(120);

    /** Not a @TempDir: the service (cached by Spring until the JVM ends) must outlive the test class and keep its files. */
    static final Path dataDir = Path.of("target", "postgres-capture-test-" + ProcessHandle.current().pid()).toAbsolutePath();

    static EmbeddedPostgres postgres;
    static DataSource database;

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    CamelContext camel;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    List<DebeziumType> types;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("synchronous_commit", "on")
                .start();
        sql(postgres.getPostgresDatabase(), "CREATE DATABASE civil_affairs");
        database = postgres.getDatabase("postgres", "civil_affairs");
        sql(database, """
                CREATE TABLE ca_resident (id SERIAL PRIMARY KEY, id_card VARCHAR(18), full_name VARCHAR(40), sex VARCHAR(2),
                  birthday DATE, nation VARCHAR(10), address VARCHAR(200), phone VARCHAR(20), subsidy_type VARCHAR(10),
                  disability_level SMALLINT, is_elderly BOOLEAN, allowance NUMERIC(10,2), updated_at TIMESTAMP)""",
                "ALTER TABLE ca_resident REPLICA IDENTITY FULL",
                CrashScenario.createTable("ca_crash"),
                "ALTER TABLE ca_crash REPLICA IDENTITY FULL");
        for (int id = 1; id <= 3; id++) {
            insertResident(id);
        }
        Path connectors = Files.createDirectories(dataDir.resolve("connectors"));
        Path secret = dataDir.resolve("pg.password");
        Files.writeString(secret, "not-checked-by-trust-auth\n");
        writeConnector(connectors, CIVIL, "ca_resident", "full_name", secret, 2048);
        writeConnector(connectors, CRASH, "public.ca_crash", "name", secret, 250);
        EmbeddedServiceProperties.on(dataDir).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("onegrid.connectors.dir", connectors::toString);
    }

    private static void writeConnector(Path dir, String id, String table, String nameColumn, Path secret, int batchSize) throws IOException {
        aCaptureConnector("debezium-postgres").on(postgres.getPort()).database("civil_affairs").user("postgres", secret)
                .tables(table).namesIn(nameColumn).batchSize(batchSize).stateDir(dataDir.resolve("state").resolve(id)).writeInto(dir, id);
    }

    /**
     * The database is closed with the service, after the service's connectors have stopped reading it (beans are
     * destroyed after the lifecycle, Camel's routes included, has stopped). The service is closed after the class
     * ({@link DirtiesContext}): left to the context cache, its broker, whose data is in this class's temporary folder,
     * would fail once the folder is removed and halt the test JVM.
     */
    @TestConfiguration
    static class DatabaseLifetime {

        @Bean
        DisposableBean closesTheDatabaseLast() {
            return () -> {
                if (postgres != null) {
                    postgres.close();
                }
            };
        }
    }

    @Test
    @Order(1)
    void snapshotsExistingRowsWithReadableValuesThenStreamsInsertsUpdatesAndDeletes() throws Exception {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(read(CIVIL), Operation.SNAPSHOT))
                .extracting(RawRecord::getSourceKey).containsExactlyInAnyOrder("1", "2", "3"));
        RawRecord first = RawTopic.of(read(CIVIL), Operation.SNAPSHOT).stream().filter(r -> r.getSourceKey().equals("1")).findFirst().orElseThrow();
        JsonNode row = RawTopic.payload(first);
        assertThat(row.get("full_name").asText()).isEqualTo("测试居民1");
        assertThat(row.get("birthday").asText()).isEqualTo("1985-03-02");
        assertThat(row.get("updated_at").asText()).isEqualTo("2024-05-06 14:23:11");
        assertThat(row.get("allowance").asText()).isEqualTo("1234.50");
        assertThat(row.get("disability_level").asInt()).isEqualTo(2);
        assertThat(row.get("is_elderly").asBoolean()).isTrue();
        assertThat(row.get("subsidy_type").isNull()).isTrue();
        assertThat(first.getSourceMeta()).containsEntry("database", "civil_affairs").containsEntry("schema", "public")
                .containsEntry("table", "ca_resident");
        assertThat(first.getSourcePosition()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(first.getSourceTime()).isNotNull();

        insertResident(4);
        sql(database, "UPDATE ca_resident SET phone = '13900000002', updated_at = '2025-01-02 03:04:05.5' WHERE id = 2",
                "DELETE FROM ca_resident WHERE id = 3");

        await().atMost(DEADLINE).untilAsserted(() -> {
            List<RawRecord> records = read(CIVIL);
            assertThat(RawTopic.of(records, Operation.CREATE)).extracting(RawRecord::getSourceKey).containsExactly("4");
            assertThat(RawTopic.of(records, Operation.UPDATE)).extracting(RawRecord::getSourceKey).containsExactly("2");
            assertThat(RawTopic.of(records, Operation.DELETE)).extracting(RawRecord::getSourceKey).containsExactly("3");
        });
        List<RawRecord> records = read(CIVIL);
        RawRecord update = RawTopic.of(records, Operation.UPDATE).get(0);
        assertThat(RawTopic.payload(update).get("phone").asText()).isEqualTo("13900000002");
        assertThat(RawTopic.payload(update).get("updated_at").asText()).isEqualTo("2025-01-02 03:04:05.5");
        RawRecord delete = RawTopic.of(records, Operation.DELETE).get(0);
        assertThat(RawTopic.payload(delete).get("full_name").asText()).as("a delete carries the last values").isEqualTo("测试居民3");
        assertThat(update.getSourceTime()).isAfterOrEqualTo(first.getSourceTime());
    }

    @Test
    @Order(2)
    void reportsSnapshotRowsPerTableRecordsInAndTheLastSourceTime() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<?, ?> status = http.getForObject("/actuator/cdc/" + CIVIL, Map.class);
            assertThat(status.get("phase")).isEqualTo("STREAMING");
            assertThat(status.get("snapshot")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("public.ca_resident", Map.of("rows", 3, "done", true));
            assertThat(((Number) status.get("recordsIn")).longValue()).isGreaterThanOrEqualTo(6);
            assertThat(status.get("lastSourceTime")).isNotNull();
        });
        Map<?, ?> connectors = http.getForObject("/actuator/connectors/" + CIVIL, Map.class);
        assertThat(connectors.get("state")).isEqualTo("RUNNING");
        assertThat(((Number) connectors.get("recordsIn")).longValue()).isGreaterThanOrEqualTo(6);
    }

    @Test
    @Order(3)
    void resumesFromTheLastCommittedOffsetAfterARestartWithoutSnapshottingAgain() throws Exception {
        String route = "debezium-postgres-" + CIVIL;
        long snapshotsBefore = RawTopic.of(read(CIVIL), Operation.SNAPSHOT).size();
        camel.getRouteController().stopRoute(route);
        insertResident(5);
        sql(database, "UPDATE ca_resident SET nation = '满族' WHERE id = 1");
        camel.getRouteController().startRoute(route);

        await().atMost(DEADLINE).untilAsserted(() -> {
            List<RawRecord> records = read(CIVIL);
            assertThat(RawTopic.of(records, Operation.CREATE)).extracting(RawRecord::getSourceKey).contains("5");
            assertThat(RawTopic.of(records, Operation.UPDATE)).extracting(RawRecord::getSourceKey).contains("1");
        });
        assertThat(RawTopic.of(read(CIVIL), Operation.SNAPSHOT)).hasSize((int) snapshotsBefore);
        assertThat(RawTopic.of(read(CIVIL), Operation.CREATE)).extracting(RawRecord::getSourceKey).containsOnlyOnce("4", "5");
    }

    @Test
    @Order(4)
    void snapshotsATableAgainWhenAnOperatorAsksAndKeepsStreaming() throws Exception {
        List<String> snapshotsBefore = snapshotKeys();

        Map<?, ?> answer = http.postForObject("/actuator/cdc/" + CIVIL, Map.of("table", "ca_resident"), Map.class);

        assertThat(answer.get("requested")).isEqualTo(true);
        await().atMost(DEADLINE).untilAsserted(() -> {
            List<String> added = new java.util.ArrayList<>(snapshotKeys());
            snapshotsBefore.forEach(added::remove);
            assertThat(added).containsExactlyInAnyOrder("1", "2", "4", "5");
        });
        insertResident(6);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(read(CIVIL), Operation.CREATE))
                .extracting(RawRecord::getSourceKey).contains("6"));
        Map<?, ?> refused = http.postForObject("/actuator/cdc/" + CIVIL, Map.of("table", "rk_jbxx"), Map.class);
        assertThat(refused.get("error").toString()).contains("does not capture rk_jbxx");
    }

    @Test
    @Order(5)
    void aCrashMidSnapshotAndMidStreamLosesNothingAndRepeatsOnlyIdenticalRecords() throws Exception {
        String route = "debezium-postgres-" + CRASH;
        CrashSwitch crash = new CrashSwitch();
        AdviceWith.adviceWith(camel, route, a -> a.weaveAddLast().process(crash));
        // Start from nothing: no offsets, so the next start snapshots 3,000 rows in batches of 250.
        camel.getRouteController().stopRoute(route);
        FileSystemUtils.deleteRecursively(dataDir.resolve("state").resolve(CRASH));
        sql(database, "INSERT INTO ca_crash SELECT n, '行' || n, 0 FROM generate_series(1, " + CrashScenario.ROWS + ") n");
        crash.armFor(4);
        camel.getRouteController().startRoute(route);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(crash.crashes()).isEqualTo(1));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(read(CRASH), Operation.SNAPSHOT).stream()
                .map(RawRecord::getSourceKey).collect(Collectors.toSet())).hasSize(CrashScenario.ROWS));

        crash.armFor(2);
        sql(database, CrashScenario.changes("ca_crash").toArray(String[]::new));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(crash.crashes()).isEqualTo(2));
        await().atMost(DEADLINE).until(() -> CrashScenario.changesArrived(read(CRASH)));
        List<RawRecord> records = read(CRASH);
        CrashScenario.assertEveryChangeOfEveryKey(records);
        assertThat(records.size()).as("the crashed batches were written again").isGreaterThan(RawTopic.changesPerKey(records).values()
                .stream().mapToInt(List::size).sum());
    }

    @Test
    @Order(6)
    void namesWhatIsWrongWhenTheDatabaseRefusesTheUserOrLacksATable() throws Exception {
        ConnectorDefinition civil = catalog.definition(CIVIL).orElseThrow();
        DebeziumSource source = civil.source(DebeziumSource.class);
        DebeziumType postgresType = types.stream().filter(t -> t.name().equals("debezium-postgres")).findFirst().orElseThrow();
        assertThat(postgresType.checkConnectivity(civil)).isEmpty();

        DebeziumSource unknownUser = new DebeziumSource(source.host(), source.port(), source.database(), "nobody", source.password(),
                List.of("public.ca_resident", "public.no_such_table"), source.snapshotMode(), source.heartbeat(), null, null, 0,
                source.stateDir(CIVIL), source.pollInterval(), source.batchSize());
        List<ConfigProblem> problems = postgresType.checkConnectivity(new ConnectorDefinition(CIVIL, "civil-affairs.yaml", civil.type(),
                civil.department(), true, false, List.of(), unknownUser, civil.mapping()));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/civil-affairs.yaml: source");
            assertThat(p.message()).contains("does not answer as user nobody").doesNotContain("not-checked-by-trust-auth");
            assertThat(p.fix()).contains("${file:");
        });

        DebeziumSource missingTable = new DebeziumSource(source.host(), source.port(), source.database(), source.user(), source.password(),
                List.of("public.no_such_table"), source.snapshotMode(), source.heartbeat(), null, null, 0,
                source.stateDir(CIVIL), source.pollInterval(), source.batchSize());
        assertThat(postgresType.checkConnectivity(new ConnectorDefinition(CIVIL, "civil-affairs.yaml", civil.type(),
                civil.department(), true, false, List.of(), missingTable, civil.mapping())))
                .extracting(ConfigProblem::message).containsExactly("the table public.no_such_table does not exist in civil_affairs (or the user postgres cannot see it).");
    }

    private List<String> snapshotKeys() {
        return RawTopic.of(read(CIVIL), Operation.SNAPSHOT).stream().map(RawRecord::getSourceKey).toList();
    }

    private List<RawRecord> read(String connector) {
        return RawTopic.read(backbone, connector);
    }

    private static void insertResident(int id) throws SQLException {
        sql(database, ("INSERT INTO ca_resident (id, id_card, full_name, sex, birthday, nation, address, phone, subsidy_type, disability_level,"
                + " is_elderly, allowance, updated_at) VALUES (%d, '36050219850302%03dX', '测试居民%d', '男', '1985-03-02', '汉族', '阳光花园3-2-40%d',"
                + " '1380000000%d', NULL, 2, true, 1234.50, '2024-05-06 14:23:11')").formatted(id, id, id, id, id % 10));
    }

    static void sql(DataSource dataSource, String... statements) throws SQLException {
        Sql.run(dataSource::getConnection, statements);
    }

}
