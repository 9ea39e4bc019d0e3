package org.onegrid.connector.debezium;

import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;
import static org.onegrid.connector.debezium.CrashScenario.KILLED;
import static org.onegrid.connector.debezium.CrashScenario.KILLED_TABLE;

import org.junit.jupiter.api.Test;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.KillHarness;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.Sql;

/**
 * kill -9 of the whole service while a debezium-mariadb connector reads a real MariaDB (ROW binlog, the documented
 * grants), in the middle of the snapshot and in the middle of streaming, with a restart on the same data folder after
 * each ({@link CrashScenario#killMidSnapshotAndMidStream}, which says what must hold and why). Besides the offsets, a
 * binlog connector keeps the captured tables' schema history, which the kills must leave readable
 * ({@link SchemaHistoryFile}). The service runs in a JVM of its own ({@link ChildService}); the broker lives in the
 * test JVM and outlives the kills.
 */
class MariaDbKillTest {

    @Test
    void killedMidSnapshotAndMidStreamTheRawTopicHoldsEveryChangeAndTheGoldenTableOnePersonPerRow() throws Exception {
        try (KillHarness harness = KillHarness.open("mariadb-kill-test")) {
            MariaDbServer mariaDb = harness.closing(MariaDbServer.start(harness.dir().resolve("mariadb"), "public_security"));
            Sql.run(mariaDb::connect, CrashScenario.createTable(KILLED_TABLE),
                    "INSERT INTO " + KILLED_TABLE + " SELECT seq, CONCAT('行', seq), 0 FROM seq_1_to_" + CrashScenario.ROWS);
            aCaptureConnector("debezium-mariadb").on(mariaDb.port()).database(mariaDb.database())
                    .user(MariaDbServer.CDC_USER, mariaDb.cdcPasswordFile()).tables(KILLED_TABLE).batchSize(100)
                    .stateDir(harness.dir().resolve("state")).mapping(CrashScenario.PERSON_PER_ROW).writeInto(harness.connectors(), KILLED);

            CrashScenario.killMidSnapshotAndMidStream(harness, mariaDb::connect);
        }
    }
}
