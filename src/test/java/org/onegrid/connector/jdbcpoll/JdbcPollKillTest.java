package org.onegrid.connector.jdbcpoll;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.onegrid.connector.Drops;
import org.onegrid.connector.TopicContents;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.ChangesInBackground;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.KillHarness;
import org.onegrid.testing.Sql;

/**
 * kill -9 of the whole service while a jdbc-poll connector reads a real PostgreSQL, and a restart on the same data
 * folder, twice: in the middle of the first read of {@value #ROWS} rows (batches of 50, rows of one updated_at across
 * batch boundaries), and in the middle of polling while the test is still changing rows (the rest of the changes are
 * made while the service is down). The service runs in a JVM of its own ({@link ChildService}), mapping and resolver
 * included; the broker lives in the test JVM and outlives the kills. Every row changes at most once after the first
 * read, so polling, which sees a row's state when it asks, must see every change.
 *
 * <p>At least once on the raw topic: the cursor file moves past a batch only after Kafka acknowledged it, so a kill
 * between the two makes the restarted connector read that batch again, with the same keys, positions and content. The
 * compacted raw topic keeps one of them, and the mapping and resolver take the repeat as an update of a record they
 * know: the golden table must end with exactly one person per live row.
 */
class JdbcPollKillTest {

    static final int ROWS = 2000;
    static final int UPDATED = 100;
    static final int INSERTED = 100;
    static final int SOFT_DELETED_FROM = 101;
    static final int SOFT_DELETED_TO = 150;
    private static final String CONNECTOR = "civil-affairs";

    @Test
    void killedMidFirstReadAndMidPollingTheRawTopicHoldsEveryChangeAndTheGoldenTableOnePersonPerRow() throws Exception {
        try (KillHarness harness = KillHarness.open("jdbc-poll-kill-test")) {
            EmbeddedPostgres postgres = harness.closing(EmbeddedPostgres.builder().start());
            DataSource database = postgres.getPostgresDatabase();
            // Four rows to each updated_at, so that batches of 50 end among rows of one time.
            Sql.run(database::getConnection, "CREATE TABLE ca_resident (id INTEGER PRIMARY KEY, full_name VARCHAR(40), version INTEGER, "
                            + "is_deleted BOOLEAN, updated_at TIMESTAMP)",
                    "INSERT INTO ca_resident SELECT n, '居民' || n, 0, false, TIMESTAMP '2024-05-06 00:00:00' + (n / 4) * INTERVAL '1 second' "
                            + "FROM generate_series(1, " + ROWS + ") n");
            Path secret = Files.writeString(Files.createDirectories(harness.dir()).resolve("pg.password"), "not-checked-by-trust-auth\n");
            // Each row a person of its own (its name, and a birth date of its own: days since 1970 = the id, which spreads
            // the rows over the resolver's shards); the version as an attribute, to see updates arrive.
            Drops.write(harness.connectors().resolve(CONNECTOR + ".yaml"), """
                    type: jdbc-poll
                    department: 民政局 (civil affairs)
                    key: [id]
                    source:
                      url: jdbc:postgresql://127.0.0.1:%d/postgres
                      user: postgres
                      password: ${file:%s}
                      table: ca_resident
                      cursor-column: updated_at
                      soft-delete-column: is_deleted
                      batch-size: 50
                      poll-interval: 100ms
                      state-dir: %s
                    mapping:
                      name: full_name
                      birthDate: { from: id, format: epochDays }
                      attributes:
                        version: { from: version, type: INTEGER }
                    """.formatted(postgres.getPort(), secret, harness.dir().resolve("state")));

            harness.start();
            harness.killWhen(() -> harness.rawCount(CONNECTOR) > 0);
            long firstReadBeforeKill = KillHarness.keysOf(harness.raw(CONNECTOR)).size();
            assertThat(firstReadBeforeKill).as("killed in the middle of the first read").isPositive().isLessThan(ROWS);

            harness.start();
            harness.awaitUntil(() -> KillHarness.keysOf(harness.raw(CONNECTOR)).size() == ROWS);
            long firstRead = harness.rawCount(CONNECTOR);
            List<String> changes = changes();
            ChangesInBackground department = ChangesInBackground.start(database::getConnection, changes, changes.size() / 2);
            harness.killWhen(() -> harness.rawCount(CONNECTOR) >= firstRead + 10);
            department.release();
            assertThat(distinctChangesPerKey(harness.raw(CONNECTOR))).as("killed in the middle of polling").isNotEqualTo(expectedChangesPerKey());
            System.out.printf("killed after %d of %d rows of the first read, then after %d changes%n", firstReadBeforeKill, ROWS,
                    harness.raw(CONNECTOR).stream().filter(r -> r.getOperation() != Operation.SNAPSHOT).count());

            harness.start();
            department.awaitDone(KillHarness.DEADLINE);
            harness.awaitUntil(() -> distinctChangesPerKey(harness.raw(CONNECTOR)).keySet().equals(expectedChangesPerKey().keySet())
                    && harness.raw(CONNECTOR).stream().anyMatch(r -> r.getSourceKey().equals(String.valueOf(SOFT_DELETED_TO))
                            && r.getOperation() == Operation.DELETE));
            List<RawRecord> records = harness.raw(CONNECTOR);
            assertThat(distinctChangesPerKey(records)).as("every change of every row, nothing else").isEqualTo(expectedChangesPerKey());
            Map<String, RawRecord> latest = TopicContents.byKey(records);
            for (int id = 1; id <= UPDATED; id++) {
                assertThat(TopicContents.payload(latest.get(String.valueOf(id))).get("version").asInt()).as("version of row %d", id).isEqualTo(1);
            }

            Map<String, String> versions = new TreeMap<>();
            for (int id = 1; id <= UPDATED; id++) {
                versions.put(String.valueOf(id), "1");
            }
            harness.assertGoldenOnePersonPerKey(CONNECTOR, KillHarness.liveKeys(expectedChangesPerKey()), "version", versions);
        }
    }

    /** Each its own transaction, stamped when made: rows 1 to 100 updated, 2001 to 2100 inserted, 101 to 150 marked deleted. */
    private static List<String> changes() {
        List<String> statements = new ArrayList<>();
        for (int n = 1; n <= UPDATED; n++) {
            statements.add("UPDATE ca_resident SET version = 1, updated_at = clock_timestamp() WHERE id = " + n);
            statements.add("INSERT INTO ca_resident VALUES (" + (ROWS + n) + ", '新居民" + n + "', 0, false, clock_timestamp())");
        }
        for (int id = SOFT_DELETED_FROM; id <= SOFT_DELETED_TO; id++) {
            statements.add("UPDATE ca_resident SET is_deleted = true, updated_at = clock_timestamp() WHERE id = " + id);
        }
        return statements;
    }

    /** Per key, the operations of its distinct versions (a version read twice has the same position: it counts once). */
    private static Map<String, List<Operation>> distinctChangesPerKey(List<RawRecord> records) {
        Map<String, Map<String, Operation>> versions = new TreeMap<>();
        records.forEach(r -> versions.computeIfAbsent(r.getSourceKey(), k -> new TreeMap<>()).put(r.getSourcePosition(), r.getOperation()));
        Map<String, List<Operation>> changes = new TreeMap<>();
        versions.forEach((key, byPosition) -> changes.put(key, List.copyOf(byPosition.values())));
        return changes;
    }

    private static Map<String, List<Operation>> expectedChangesPerKey() {
        Map<String, List<Operation>> expected = new TreeMap<>();
        for (int id = 1; id <= ROWS; id++) {
            expected.put(String.valueOf(id), id <= UPDATED ? List.of(Operation.SNAPSHOT, Operation.UPDATE)
                    : id >= SOFT_DELETED_FROM && id <= SOFT_DELETED_TO ? List.of(Operation.SNAPSHOT, Operation.DELETE)
                    : List.of(Operation.SNAPSHOT));
        }
        for (int n = 1; n <= INSERTED; n++) {
            expected.put(String.valueOf(ROWS + n), List.of(Operation.UPDATE));
        }
        return expected;
    }
}
