package org.onegrid.connector.jdbcpoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.ConnectorStatus;
import org.onegrid.connector.Drops;
import org.onegrid.connector.TopicContents;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.PollingDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with jdbc-poll connectors on a real PostgreSQL and a real MariaDB, and the real embedded broker: the
 * first read in batches as snapshot, rows sharing one updated_at across batch boundaries, updates, creates, soft
 * deletes, an increasing key. Every test runs against each database, each read by connectors of its own
 * ({@code residents-postgres}, {@code residents-mariadb}...) in one service.
 */
// The sandbox starts before dynamic properties are seen; switched off here, where start-up reads it.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onegrid.sandbox.enabled=false")
class JdbcPollConnectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Not a @TempDir: the service (cached by Spring until the JVM ends) must outlive the test class and keep its files. */
    static final Path root = Path.of("target", "jdbc-poll-test-" + ProcessHandle.current().pid()).toAbsolutePath();

    static EmbeddedPostgres postgres;
    static MariaDbServer mariaDb;
    /** By name; filled when the service's properties are made, which is before a test runs (not before it is listed). */
    static final Map<String, PollingDatabase> databases = new LinkedHashMap<>();

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        mariaDb = MariaDbServer.start(root.resolve("mariadb"), "civil_affairs");
        for (PollingDatabase database : List.of(PollingDatabase.postgres(postgres, root.resolve("secrets")), PollingDatabase.mariaDb(mariaDb))) {
            databases.put(database.name(), database);
            database.sql("""
                    CREATE TABLE ca_resident (id INTEGER PRIMARY KEY, full_name VARCHAR(40), id_card VARCHAR(18), phone VARCHAR(20),
                      allowance NUMERIC(10,2), birthday DATE, is_deleted SMALLINT DEFAULT 0, created_at %1$s, updated_at %1$s)"""
                            .formatted(database.dateTime()),
                    "CREATE TABLE rk_event (seq BIGINT PRIMARY KEY, rybh VARCHAR(20), kind VARCHAR(10))");
            for (int id = 1; id <= 7; id++) {
                insertResident(database, id, id <= 5 ? "2024-05-06 14:23:11" : "2024-05-07 08:00:00");
            }
            for (int seq = 1; seq <= 5; seq++) {
                database.sql("INSERT INTO rk_event VALUES (" + seq + ", 'RY" + seq + "', 'MOVE')");
            }
            Path connectors = root.resolve("connectors");
            connector(connectors, database, "residents", "[id]", "table: ca_resident", "cursor-column: updated_at", "batch-size: 3",
                    "soft-delete-column: is_deleted", "created-column: created_at");
            connector(connectors, database, "events", "[seq]", "table: rk_event", "cursor: increasing-key", "cursor-column: seq",
                    "batch-size: 2");
        }
        EmbeddedServiceProperties.on(root).forEach((key, value) -> registry.add(key, () -> value));
    }

    static void connector(Path connectors, PollingDatabase database, String table, String key, String... sourceLines) {
        String id = table + "-" + database.name();
        StringBuilder yaml = new StringBuilder("""
                type: jdbc-poll
                department: 民政局 (civil affairs)
                key: %s
                source:
                  url: %s
                  user: %s
                  password: ${file:%s}
                  poll-interval: 200ms
                  state-dir: %s
                """.formatted(key, database.url(), database.user(), database.passwordFile(), root.resolve("state").resolve(id)));
        for (String line : sourceLines) {
            yaml.append("  ").append(line).append('\n');
        }
        yaml.append("mapping: {name: full_name, idNumber: id_card}\n");
        Drops.write(connectors.resolve(id + ".yaml"), yaml.toString());
    }

    @AfterAll
    static void stopDatabases() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "mariadb"})
    void readsTheTableInBatchesAsSnapshotWithoutSkippingRowsOfOneTimeThenUpdatesCreatesAndSoftDeletes(String name) throws Exception {
        PollingDatabase database = databases.get(name);
        String residents = "residents-" + database.name();
        awaiting().untilAsserted(() -> assertThat(raw(residents)).hasSize(7));
        List<RawRecord> snapshot = raw(residents);
        assertThat(TopicContents.countPerKey(snapshot).values()).as("each row written once").containsOnly(1L);
        assertThat(snapshot).allSatisfy(r -> assertThat(r.getOperation()).isEqualTo(Operation.SNAPSHOT));
        RawRecord third = TopicContents.byKey(snapshot).get("3");
        assertThat(third.getSourcePosition()).isEqualTo("2024-05-06 14:23:11|3");
        assertThat(third.getSourceTime()).isEqualTo(Instant.parse("2024-05-06T06:23:11Z"));
        assertThat(third.getSourceMeta()).containsEntry("table", "ca_resident");
        JsonNode row = TopicContents.payload(third);
        assertThat(row.get("full_name").asText()).isEqualTo("测试居民3");
        assertThat(row.get("updated_at").asText()).isEqualTo("2024-05-06 14:23:11");
        assertThat(row.get("birthday").asText()).isEqualTo("1985-03-02");
        assertThat(row.get("allowance").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(row.get("phone").isNull()).isTrue();

        database.sql("UPDATE ca_resident SET phone = '13900000002', updated_at = '2024-05-08 09:00:00' WHERE id = 2");
        insertResident(database, 8, "2024-05-08 09:00:00");
        insertResident(database, 9, "2024-05-08 09:00:00");
        database.sql("UPDATE ca_resident SET is_deleted = 1, updated_at = '2024-05-08 09:00:01' WHERE id = 4");

        awaiting().untilAsserted(() -> assertThat(raw(residents)).hasSize(11));
        Map<String, List<Operation>> operations = raw(residents).stream().collect(Collectors.groupingBy(RawRecord::getSourceKey,
                Collectors.mapping(RawRecord::getOperation, Collectors.toList())));
        assertThat(operations.get("2")).containsExactly(Operation.SNAPSHOT, Operation.UPDATE);
        assertThat(operations.get("8")).containsExactly(Operation.CREATE);
        assertThat(operations.get("9")).containsExactly(Operation.CREATE);
        assertThat(operations.get("4")).containsExactly(Operation.SNAPSHOT, Operation.DELETE);
        assertThat(TopicContents.payload(TopicContents.byKey(raw(residents)).get("2")).get("phone").asText()).isEqualTo("13900000002");
        ConnectorStatus status = status(residents);
        assertThat(status.state().name()).isEqualTo("RUNNING");
        assertThat(status.recordsIn()).isEqualTo(11);
        assertThat(status.notes()).noneMatch(n -> n.startsWith("deletes are not seen"));
        JsonNode cursor = JSON.readTree(root.resolve("state").resolve(residents).resolve("cursor.json").toFile());
        assertThat(cursor.at("/last/0/value").asText()).isEqualTo("2024-05-08T09:00:01");
        assertThat(cursor.at("/last/1/value").asText()).isEqualTo("4");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "mariadb"})
    void readsNewRowsByAnIncreasingKeyAndSaysThatDeletesAndUpdatesAreNotSeen(String name) throws Exception {
        PollingDatabase database = databases.get(name);
        String events = "events-" + database.name();
        awaiting().untilAsserted(() -> assertThat(raw(events)).hasSize(5));
        assertThat(raw(events)).allSatisfy(r -> assertThat(r.getOperation()).isEqualTo(Operation.SNAPSHOT));

        database.sql("INSERT INTO rk_event VALUES (6, 'RY6', 'BIRTH'), (7, 'RY7', 'BIRTH'), (8, 'RY8', 'DEATH')");

        awaiting().untilAsserted(() -> assertThat(raw(events)).hasSize(8));
        assertThat(TopicContents.countPerKey(raw(events)).values()).containsOnly(1L);
        RawRecord created = TopicContents.byKey(raw(events)).get("7");
        assertThat(created.getOperation()).isEqualTo(Operation.CREATE);
        assertThat(created.getSourcePosition()).isEqualTo("7");
        assertThat(created.getSourceTime()).isNull();
        assertThat(status(events).notes())
                .anySatisfy(n -> assertThat(n).startsWith("deletes are not seen").contains("rk_event"))
                .anySatisfy(n -> assertThat(n).startsWith("updates are not seen"));
    }

    static void insertResident(PollingDatabase database, int id, String updatedAt) throws SQLException {
        database.sql(("INSERT INTO ca_resident (id, full_name, id_card, phone, allowance, birthday, created_at, updated_at) VALUES (%d, '测试居民%d', "
                + "'36050219850302%03dX', NULL, 1234.50, '1985-03-02', '%s', '%s')").formatted(id, id, id, updatedAt, updatedAt));
    }

    private List<RawRecord> raw(String connector) {
        return TopicContents.raw(backbone, Topics.raw(connector).name());
    }

    private ConnectorStatus status(String connector) {
        return JSON.convertValue(http.getForObject("/actuator/connectors/" + connector, Map.class), ConnectorStatus.class);
    }

    private static ConditionFactory awaiting() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }
}
