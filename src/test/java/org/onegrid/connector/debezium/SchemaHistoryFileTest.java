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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.Sql;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A binlog connector's schema history survives a process killed while appending to it: a torn last line is dropped
 * at start, the DDL it held is read again from the binlog, and the connector streams on.
 */
class SchemaHistoryFileTest {

    private static final String WHOLE = "{\"source\":{\"server\":\"onegrid_crash\"},\"position\":{\"pos\":4},\"ddl\":\"CREATE TABLE t (id INT)\"}";
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @Test
    void dropsATornLastLineAndKeepsEveryWholeOne() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE + "\n" + WHOLE.substring(0, 40));

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).contains(WHOLE.substring(0, 40));

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n" + WHOLE + "\n");
    }

    @Test
    void dropsALastLineThatEndsButIsNoWholeDocument() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE.substring(0, 40) + "\n");

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).contains(WHOLE.substring(0, 40));

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n");
    }

    @Test
    void leavesAFileOfWholeLinesAsItIs() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE + "\n");

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).isEmpty();
        assertThat(SchemaHistoryFile.dropTornLastLine(root.resolve("missing.dat"))).isEmpty();

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n" + WHOLE + "\n");
    }

    @Test
    void aConnectorWhoseHistoryEndsInATornLineStartsAgainReadsTheDdlAgainAndStreams() throws Exception {
        String connector = "torn";
        Path state = root.resolve("state").resolve(connector);
        Path history = state.resolve("schema-history.dat");
        try (MariaDbServer mariaDb = MariaDbServer.start(root.resolve("mariadb"), "public_security")) {
            Sql.run(mariaDb::connect, "CREATE TABLE torn (id INTEGER PRIMARY KEY, name VARCHAR(40))", "INSERT INTO torn VALUES (1, '甲')");
            aCaptureConnector("debezium-mariadb").on(mariaDb.port()).database(mariaDb.database())
                    .user(MariaDbServer.CDC_USER, mariaDb.cdcPasswordFile()).tables("torn").stateDir(state)
                    .writeInto(root.resolve("connectors"), connector);
            CaptureService service = CaptureService.on(root, Map.of());
            try (ConfigurableApplicationContext running = service.start()) {
                CaptureEndpointOperations cdc = running.getBean(CaptureEndpointOperations.class);
                await().atMost(DEADLINE).until(() -> "STREAMING".equals(cdc.connector(connector).get("phase"))
                        && !RawTopic.read(running.getBean(KafkaBackbone.class), connector).isEmpty());
            }
            // What a kill in the middle of storing the next DDL leaves: the DDL in the binlog, the start of its line in
            // the history, and the offsets before it.
            Sql.run(mariaDb::connect, "ALTER TABLE torn ADD COLUMN phone VARCHAR(20)");
            List<String> whole = Files.readAllLines(history);
            String torn = whole.get(whole.size() - 1).substring(0, whole.get(whole.size() - 1).length() / 2);
            Files.writeString(history, torn, StandardOpenOption.APPEND);

            try (ConfigurableApplicationContext running = service.start()) {
                Sql.run(mariaDb::connect, "INSERT INTO torn VALUES (2, '乙', '13900000002')");
                KafkaBackbone backbone = running.getBean(KafkaBackbone.class);
                await().atMost(DEADLINE).until(() -> RawTopic.of(RawTopic.read(backbone, connector), Operation.CREATE).size() == 1);
                RawRecord inserted = RawTopic.of(RawTopic.read(backbone, connector), Operation.CREATE).get(0);
                assertThat(RawTopic.payload(inserted).get("phone").asText()).as("the column the re-read DDL added").isEqualTo("13900000002");
            }
        }
        List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
        assertThat(lines).as("every line a whole document").allSatisfy(line -> DocumentReader.defaultReader().read(line));
        assertThat(lines.get(lines.size() - 1)).as("the DDL stored again, after the whole lines").contains("ADD COLUMN phone");
    }
}
