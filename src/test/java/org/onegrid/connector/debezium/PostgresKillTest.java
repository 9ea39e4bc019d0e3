package org.onegrid.connector.debezium;

import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;
import static org.onegrid.connector.debezium.CrashScenario.KILLED;
import static org.onegrid.connector.debezium.CrashScenario.KILLED_TABLE;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.KillHarness;
import org.onegrid.testing.Sql;

/**
 * kill -9 of the whole service while a debezium-postgres connector reads a real PostgreSQL, in the middle of the
 * snapshot and in the middle of streaming, with a restart on the same data folder after each
 * ({@link CrashScenario#killMidSnapshotAndMidStream}, which says what must hold and why). The service runs in a JVM
 * of its own ({@link ChildService}), mapping and resolver included; the broker lives in the test JVM and outlives the
 * kills.
 */
class PostgresKillTest {

    @Test
    void killedMidSnapshotAndMidStreamTheRawTopicHoldsEveryChangeAndTheGoldenTableOnePersonPerRow() throws Exception {
        try (KillHarness harness = KillHarness.open("postgres-kill-test")) {
            EmbeddedPostgres postgres = harness.closing(EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start());
            DataSource database = postgres.getPostgresDatabase();
            Sql.run(database::getConnection, CrashScenario.createTable(KILLED_TABLE),
                    "ALTER TABLE " + KILLED_TABLE + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + KILLED_TABLE + " SELECT n, '行' || n, 0 FROM generate_series(1, " + CrashScenario.ROWS + ") n");
            Path secret = Files.writeString(Files.createDirectories(harness.dir()).resolve("pg.password"), "not-checked-by-trust-auth\n");
            aCaptureConnector("debezium-postgres").on(postgres.getPort()).database("postgres").user("postgres", secret)
                    .tables("public." + KILLED_TABLE).batchSize(100).stateDir(harness.dir().resolve("state"))
                    .mapping(CrashScenario.PERSON_PER_ROW).writeInto(harness.connectors(), KILLED);

            CrashScenario.killMidSnapshotAndMidStream(harness, database::getConnection);
        }
    }
}
