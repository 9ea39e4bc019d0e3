package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.ChangesInBackground;
import org.onegrid.testing.KillHarness;
import org.onegrid.testing.Sql;

/**
 * What the crash and restart tests of every database put one table through, and what its raw topic must hold after:
 * {@value #ROWS} rows (id 1 to 3000, version 0) read by a snapshot, then, each in its own transaction, row n updated to
 * version n and row 3000 + n inserted, for n from 1 to 200, then rows 201 to 300 deleted in one transaction. Every key
 * must have exactly its changes (a change written twice with the same content counts once), and the latest record of
 * every key must be the row's last state.
 */
final class CrashScenario {

    static final int ROWS = 3000;
    static final int CHANGED = 200;
    static final int DELETED_FROM = 201;
    static final int DELETED_TO = 300;
    /** The connector of the kill tests ({@link #killMidSnapshotAndMidStream}), and the table it reads. */
    static final String KILLED = "crash-kill";
    static final String KILLED_TABLE = "crash_kill";
    /**
     * The mapping of a kill test's connector: each row a person of its own, by its name and a birth date of its own
     * (days since 1970 = the id, which also spreads the rows over the resolver's shards); the version as an attribute,
     * to see updates arrive.
     */
    static final String PERSON_PER_ROW = """
            name: name
            birthDate: { from: id, format: epochDays }
            attributes:
              version: { from: version, type: INTEGER }
            """;

    private CrashScenario() {}

    static String createTable(String table) {
        return "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(40), version INTEGER)";
    }

    /** The streaming changes, one statement (and transaction) each. */
    static List<String> changes(String table) {
        List<String> statements = new ArrayList<>();
        for (int n = 1; n <= CHANGED; n++) {
            statements.add("UPDATE " + table + " SET version = " + n + " WHERE id = " + n);
            statements.add("INSERT INTO " + table + " VALUES (" + (ROWS + n) + ", '新" + n + "', 0)");
        }
        statements.add("DELETE FROM " + table + " WHERE id BETWEEN " + DELETED_FROM + " AND " + DELETED_TO);
        return statements;
    }

    /** Per key, the operations of its distinct changes once the snapshot and the changes are through. */
    static Map<String, List<Operation>> expectedChangesPerKey() {
        Map<String, List<Operation>> expected = new TreeMap<>();
        for (int id = 1; id <= ROWS; id++) {
            expected.put(String.valueOf(id), id <= CHANGED ? List.of(Operation.SNAPSHOT, Operation.UPDATE)
                    : id >= DELETED_FROM && id <= DELETED_TO ? List.of(Operation.SNAPSHOT, Operation.DELETE)
                    : List.of(Operation.SNAPSHOT));
        }
        for (int n = 1; n <= CHANGED; n++) {
            expected.put(String.valueOf(ROWS + n), List.of(Operation.CREATE));
        }
        return expected;
    }

    /** Every change of every key is on the topic, nothing else, and the latest record per key is the row's state. */
    static void assertEveryChangeOfEveryKey(List<RawRecord> records) {
        Map<String, List<Operation>> expected = expectedChangesPerKey();
        Map<String, List<Operation>> actual = RawTopic.changesPerKey(records);
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, operations) -> {
            if (!operations.equals(actual.get(key))) {
                wrong.add(key + ": expected " + operations + ", found " + actual.get(key));
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> wrong.add(key + ": not a key of the table"));
        assertThat(wrong).as("keys whose changes are not all on the raw topic, or not only those").isEmpty();

        Map<String, RawRecord> latest = RawTopic.latest(records);
        for (int n = 1; n <= CHANGED; n++) {
            assertThat(RawTopic.payload(latest.get(String.valueOf(n))).get("version").asInt()).as("version of row %d", n).isEqualTo(n);
            assertThat(latest.get(String.valueOf(ROWS + n)).getOperation()).isEqualTo(Operation.CREATE);
        }
        for (int id = DELETED_FROM; id <= DELETED_TO; id++) {
            assertThat(latest.get(String.valueOf(id)).getOperation()).as("latest of row %d", id).isEqualTo(Operation.DELETE);
        }
    }

    /** Whether the changes are through: every inserted row and every delete is on the topic. */
    static boolean changesArrived(List<RawRecord> records) {
        Map<String, List<Operation>> actual = RawTopic.changesPerKey(records);
        for (int id = DELETED_FROM; id <= DELETED_TO; id++) {
            if (!actual.getOrDefault(String.valueOf(id), List.of()).contains(Operation.DELETE)) {
                return false;
            }
        }
        return actual.containsKey(String.valueOf(ROWS + CHANGED));
    }

    /**
     * kill -9 of the whole service while the change-data-capture connector {@value #KILLED} reads the table
     * {@value #KILLED_TABLE} ({@value #ROWS} rows already in it, the connector's file in the harness), and a restart on the same data folder, twice: in the
     * middle of the snapshot, and in the middle of streaming the {@link #changes} while they are still being made
     * (the rest are made while the service is down).
     *
     * <p>The raw topic must then hold every change of every row: delivery is at least once. It is not exactly once:
     * the snapshot interrupted by the kill is taken again from the start, and a batch Kafka acknowledged before the
     * offsets behind it were written is read again after the restart. Such a repeat is the same key with the same
     * content. It is harmless downstream: the raw topic is compacted by key, the mapping turns the repeat into the
     * same SourcePerson under the same key, and the resolver takes it as an update of a record it knows, not as a new
     * record. So the golden table must end with exactly one person per row of the table, carrying the row's latest
     * values, and none for deleted rows.
     */
    static void killMidSnapshotAndMidStream(KillHarness harness, Sql.Connections database) throws Exception {
        String connector = KILLED;
        harness.start();
        harness.killWhen(() -> harness.rawCount(connector) > 0);
        Set<String> beforeKill = KillHarness.keysOf(harness.raw(connector), Operation.SNAPSHOT);
        assertThat(beforeKill).as("killed in the middle of the snapshot").isNotEmpty().hasSizeLessThan(ROWS);

        harness.start();
        harness.awaitUntil(() -> KillHarness.keysOf(harness.raw(connector), Operation.SNAPSHOT).size() == ROWS
                && harness.service().get("/actuator/cdc/" + connector).path("phase").asText().equals("STREAMING"));
        long snapshotted = harness.rawCount(connector);
        List<String> changes = changes(KILLED_TABLE);
        ChangesInBackground department = ChangesInBackground.start(database, changes, changes.size() / 2);
        harness.killWhen(() -> harness.rawCount(connector) >= snapshotted + 10);
        department.release();
        long changesBeforeKill = harness.raw(connector).stream().filter(r -> r.getOperation() != Operation.SNAPSHOT).count();
        assertThat(changesArrived(harness.raw(connector))).as("killed in the middle of streaming").isFalse();
        System.out.printf("killed after %d of %d snapshot rows, then after %d change records%n", beforeKill.size(), ROWS,
                changesBeforeKill);

        harness.start();
        department.awaitDone(KillHarness.DEADLINE);
        harness.awaitUntil(() -> changesArrived(harness.raw(connector)));
        List<RawRecord> records = harness.raw(connector);
        assertEveryChangeOfEveryKey(records);
        Map<String, Long> snapshotsPerKey = RawTopic.of(records, Operation.SNAPSHOT).stream()
                .collect(Collectors.groupingBy(RawRecord::getSourceKey, Collectors.counting()));
        assertThat(beforeKill).as("the snapshot the kill interrupted was taken again from the start: its rows are there twice")
                .allSatisfy(key -> assertThat(snapshotsPerKey.get(key)).isGreaterThanOrEqualTo(2));

        Map<String, String> versions = new TreeMap<>();
        for (int n = 1; n <= CHANGED; n++) {
            versions.put(String.valueOf(n), String.valueOf(n));
        }
        harness.assertGoldenOnePersonPerKey(connector, KillHarness.liveKeys(expectedChangesPerKey()), "version", versions);
    }
}
