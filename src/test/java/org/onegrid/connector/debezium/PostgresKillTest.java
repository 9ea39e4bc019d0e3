package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.connector.debezium.CaptureConnectorFile.aCaptureConnector;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.TopicContents;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.ChangesInBackground;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.FreePorts;
import org.onegrid.testing.GoldenTable;
import org.onegrid.testing.Sql;

/**
 * kill -9 of the whole service while a debezium-postgres connector reads a real PostgreSQL, and a restart on the same
 * data folder, twice: in the middle of the snapshot of {@link CrashScenario}'s 3,000 rows, and in the middle of
 * streaming its changes while the test is still making them (the rest are made while the service is down). The
 * service runs in a JVM of its own ({@link ChildService}), mapping and resolver included; the broker lives in the
 * test JVM, so it outlives the kills, as a production cluster would.
 *
 * <p>The raw topic must then hold every change of every row: delivery is at least once. It is not exactly once: the
 * snapshot interrupted by the kill is taken again from the start, and a batch Kafka acknowledged before the offsets
 * behind it were written is read again after the restart. Such a repeat is the same key with the same content. It is
 * harmless downstream: the raw topic is compacted by key, the mapping turns the repeat into the same SourcePerson under
 * the same key, and the resolver takes it as an update of a record it knows, not as a new record. So the golden table
 * must end with exactly one person per row of the table, carrying the row's latest values, and none for deleted rows.
 */
class PostgresKillTest {

    private static final String CONNECTOR = "ca-crash";
    private static final String TABLE = "ca_crash";
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    /** Not a @TempDir: the service's output (service-1.log...) is kept there for a failure to be understood. */
    private final Path dir = Path.of("target", "postgres-kill-test-" + ProcessHandle.current().pid()).toAbsolutePath();

    private EmbeddedKafkaBroker broker;
    private EmbeddedPostgres postgres;
    private ChildService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void killedMidSnapshotAndMidStreamTheRawTopicHoldsEveryChangeAndTheGoldenTableOnePersonPerRow() throws Exception {
        broker = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"));
        postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
        DataSource database = postgres.getPostgresDatabase();
        Sql.run(database::getConnection, CrashScenario.createTable(TABLE), "ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL",
                "INSERT INTO " + TABLE + " SELECT n, '行' || n, 0 FROM generate_series(1, " + CrashScenario.ROWS + ") n");
        Path secret = Files.writeString(dir.resolve("pg.password"), "not-checked-by-trust-auth\n");
        // Each row a person of its own: its name, and a birth date of its own (days since 1970 = the id), which also
        // spreads the rows over the resolver's shards; the version as an attribute, to see updates arrive.
        aCaptureConnector("debezium-postgres").on(postgres.getPort()).database("postgres").user("postgres", secret)
                .tables("public." + TABLE).batchSize(100).stateDir(dir.resolve("state")).mapping("""
                        name: name
                        birthDate: { from: id, format: epochDays }
                        attributes:
                          version: { from: version, type: INTEGER }
                        """).writeInto(dir.resolve("connectors"), CONNECTOR);
        service = ChildService.on(dir, broker.bootstrapServers());

        service.start();
        service.awaiting(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> rawCount() > 0);
        service.kill();
        Set<String> beforeKill = snapshotKeys(raw());
        assertThat(beforeKill).as("killed in the middle of the snapshot").isNotEmpty().hasSizeLessThan(CrashScenario.ROWS);

        service.start();
        service.awaiting(DEADLINE).until(() -> snapshotKeys(raw()).size() == CrashScenario.ROWS
                && service.get("/actuator/cdc/" + CONNECTOR).path("phase").asText().equals("STREAMING"));
        long snapshotted = rawCount();
        List<String> changes = CrashScenario.changes(TABLE);
        ChangesInBackground department = ChangesInBackground.start(database::getConnection, changes, changes.size() / 2);
        service.awaiting(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> rawCount() >= snapshotted + 10);
        service.kill();
        department.release();
        long changesBeforeKill = changesOnRaw();
        assertThat(CrashScenario.changesArrived(raw())).as("killed in the middle of streaming").isFalse();
        System.out.printf("killed after %d of %d snapshot rows, then after %d change records%n", beforeKill.size(),
                CrashScenario.ROWS, changesBeforeKill);

        service.start();
        department.awaitDone(DEADLINE);
        service.awaiting(DEADLINE).until(() -> CrashScenario.changesArrived(raw()));
        List<RawRecord> records = raw();
        CrashScenario.assertEveryChangeOfEveryKey(records);
        Map<String, Long> snapshotsPerKey = RawTopic.of(records, Operation.SNAPSHOT).stream()
                .collect(Collectors.groupingBy(RawRecord::getSourceKey, Collectors.counting()));
        assertThat(beforeKill).as("the snapshot the kill interrupted was taken again from the start: its rows are there twice")
                .allSatisfy(key -> assertThat(snapshotsPerKey.get(key)).isGreaterThanOrEqualTo(2));

        Map<String, String> versions = new TreeMap<>();
        for (int n = 1; n <= CrashScenario.CHANGED; n++) {
            versions.put(String.valueOf(n), String.valueOf(n));
        }
        service.awaiting(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> GoldenTable.read(broker.bootstrapServers())
                .hasCaughtUp(CONNECTOR, liveKeys(), "version", versions));
        GoldenTable.read(broker.bootstrapServers()).assertOnePersonPerKey(CONNECTOR, liveKeys());
    }

    /** The rows left once the changes are made: 1 to 3,200 without the deleted 201 to 300. */
    private static Set<String> liveKeys() {
        Set<String> keys = new TreeSet<>();
        for (int id = 1; id <= CrashScenario.ROWS + CrashScenario.CHANGED; id++) {
            if (id < CrashScenario.DELETED_FROM || id > CrashScenario.DELETED_TO) {
                keys.add(String.valueOf(id));
            }
        }
        return keys;
    }

    private static Set<String> snapshotKeys(List<RawRecord> records) {
        return RawTopic.of(records, Operation.SNAPSHOT).stream().map(RawRecord::getSourceKey).collect(Collectors.toSet());
    }

    private long changesOnRaw() {
        return raw().stream().filter(r -> r.getOperation() != Operation.SNAPSHOT).count();
    }

    private long rawCount() {
        return TopicContents.endOffsets(kafka(), Topics.raw(CONNECTOR).name());
    }

    private List<RawRecord> raw() {
        return RawTopic.read(kafka(), CONNECTOR);
    }

    private Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }
}
