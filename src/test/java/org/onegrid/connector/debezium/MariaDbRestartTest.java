package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;

import io.debezium.document.DocumentReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.Sql;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Stopping the service loses nothing, wherever it stops: the service is stopped right after a batch Kafka acknowledged
 * but whose offsets were not committed (the {@link CrashSwitch} fails it, as a process killed at that moment would),
 * once in the middle of the snapshot and once in the middle of streaming, and started again on the same data. The raw
 * topic must then hold every change of every key of a real MariaDB table ({@link CrashScenario}).
 *
 * <p>Before the last start, the table gains a column while the service is down and the schema history is left as a
 * kill in the middle of storing that DDL would leave it: ending in a torn line ({@link SchemaHistoryFile}). The
 * connector must drop the line, read the DDL again from the binlog, store it, and stream rows with the new column.
 */
class MariaDbRestartTest {

    static final String CONNECTOR = "crash";
    static final String ROUTE = "debezium-mariadb-" + CONNECTOR;
    static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    static Path root;

    static MariaDbServer mariaDb;

    @BeforeAll
    static void startDatabase() throws Exception {
        mariaDb = MariaDbServer.start(root.resolve("mariadb"), "public_security");
        Sql.run(mariaDb::connect, CrashScenario.createTable(CONNECTOR));
        aCaptureConnector("debezium-mariadb").on(mariaDb.port()).database(mariaDb.database())
                .user(MariaDbServer.CDC_USER, mariaDb.cdcPasswordFile()).tables(CONNECTOR).batchSize(250)
                .stateDir(state()).writeInto(root.resolve("connectors"), CONNECTOR);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Test
    void aServiceStoppedMidSnapshotAndMidStreamLosesNoChangeOfAnyKey() throws Exception {
        CaptureService service = CaptureService.on(root, Map.of());

        try (ConfigurableApplicationContext running = service.start()) {
            // The connector has snapshotted the empty table; start it again from nothing on 3,000 rows, batches of 250.
            CrashSwitch crash = crashSwitch(running);
            running.getBean(CamelContext.class).getRouteController().stopRoute(ROUTE);
            FileSystemUtils.deleteRecursively(state());
            Sql.run(mariaDb::connect, "INSERT INTO " + CONNECTOR + " SELECT seq, CONCAT('行', seq), 0 FROM seq_1_to_" + CrashScenario.ROWS);
            crash.armFor(4);
            running.getBean(CamelContext.class).getRouteController().startRoute(ROUTE);

            await().atMost(DEADLINE).until(() -> crash.crashes() == 1);
            stopped(running);
            assertThat(RawTopic.of(RawTopic.read(running.getBean(KafkaBackbone.class), CONNECTOR), Operation.SNAPSHOT))
                    .as("stopped in the middle of the snapshot").isNotEmpty().hasSizeLessThan(CrashScenario.ROWS);
        }

        try (ConfigurableApplicationContext running = service.start()) {
            KafkaBackbone backbone = running.getBean(KafkaBackbone.class);
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(RawTopic.of(RawTopic.read(backbone, CONNECTOR), Operation.SNAPSHOT)
                    .stream().map(RawRecord::getSourceKey).collect(Collectors.toSet())).hasSize(CrashScenario.ROWS));
            CrashSwitch crash = crashSwitch(running);
            crash.armFor(2);
            Sql.run(mariaDb::connect, CrashScenario.changes(CONNECTOR).toArray(String[]::new));

            await().atMost(DEADLINE).until(() -> crash.crashes() == 1);
            stopped(running);
            assertThat(CrashScenario.changesArrived(RawTopic.read(backbone, CONNECTOR))).as("stopped in the middle of streaming").isFalse();
        }

        Sql.run(mariaDb::connect, "ALTER TABLE " + CONNECTOR + " ADD COLUMN phone VARCHAR(20)");
        String tornLine = tornCopyOfTheLastLine(history());

        try (ConfigurableApplicationContext running = service.start()) {
            KafkaBackbone backbone = running.getBean(KafkaBackbone.class);
            await().atMost(DEADLINE).until(() -> CrashScenario.changesArrived(RawTopic.read(backbone, CONNECTOR)));
            List<RawRecord> records = RawTopic.read(backbone, CONNECTOR);

            CrashScenario.assertEveryChangeOfEveryKey(records);
            assertThat(records.size()).as("the batches written but not committed were written again")
                    .isGreaterThan(RawTopic.changesPerKey(records).values().stream().mapToInt(List::size).sum());

            Sql.run(mariaDb::connect, "INSERT INTO " + CONNECTOR + " VALUES (9999, '乙', 0, '13900000002')");
            await().atMost(DEADLINE).until(() -> RawTopic.latest(RawTopic.read(backbone, CONNECTOR)).containsKey("9999"));
            RawRecord inserted = RawTopic.latest(RawTopic.read(backbone, CONNECTOR)).get("9999");
            assertThat(RawTopic.payload(inserted).get("phone").asText()).as("the column of the DDL read again").isEqualTo("13900000002");
        }
        List<String> lines = Files.readAllLines(history(), StandardCharsets.UTF_8);
        assertThat(lines).as("the torn line dropped, every line a whole document").doesNotContain(tornLine)
                .allSatisfy(line -> DocumentReader.defaultReader().read(line));
        assertThat(lines.get(lines.size() - 1)).as("the DDL stored again, after the whole lines").contains("ADD COLUMN phone");
    }

    /** Appends the first half of the history's last line, without its newline, as a kill mid-append leaves it. */
    private static String tornCopyOfTheLastLine(Path history) throws Exception {
        List<String> whole = Files.readAllLines(history, StandardCharsets.UTF_8);
        String last = whole.get(whole.size() - 1);
        String torn = last.substring(0, last.length() / 2);
        Files.writeString(history, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return torn;
    }

    private static Path history() {
        return state().resolve("schema-history.dat");
    }

    /** Weaves a crash switch after the raw sink of the connector's route (the route restarts, from its committed offsets). */
    private static CrashSwitch crashSwitch(ConfigurableApplicationContext running) throws Exception {
        CrashSwitch crash = new CrashSwitch();
        AdviceWith.adviceWith(running.getBean(CamelContext.class), ROUTE, a -> a.weaveAddLast().process(crash));
        return crash;
    }

    /**
     * Stops the connector's route at once, as the service's shutdown does first, so the engine does not start again
     * after the crash while the test looks at the topic before the broker stops with the service.
     */
    private static void stopped(ConfigurableApplicationContext running) throws Exception {
        running.getBean(CamelContext.class).getRouteController().stopRoute(ROUTE);
        assertThat(running.getBean(CaptureRegistry.class).progress(CONNECTOR).orElseThrow().phase())
                .as("stopped, although the engine had already failed and was waiting to start again").isEqualTo(CaptureProgress.Phase.STOPPED);
    }

    private static Path state() {
        return root.resolve("state").resolve(CONNECTOR);
    }
}
