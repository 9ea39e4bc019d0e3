package org.onegrid.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.TopicContents;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;

/**
 * What every kill -9 test of a connector stands on: a folder under {@code target/} (not a temporary one: the
 * service's output, {@code service-<n>.log}, is kept there for a failure to be understood), a Kafka broker in the test
 * JVM that outlives the kills as a production cluster would, and the whole service in a JVM of its own on both
 * ({@link ChildService}). A test starts its source ({@link #closing}), writes its connector file into
 * {@link #connectors()}, then kills and restarts the service with {@link #killWhen} and reads what arrived.
 */
public final class KillHarness implements AutoCloseable {

    /** How long a service may take to start, to read what it must, or to resolve what it wrote. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final ChildService service;
    private final Deque<AutoCloseable> sources = new ArrayDeque<>();

    private KillHarness(Path dir, EmbeddedKafkaBroker broker) {
        this.dir = dir;
        this.broker = broker;
        this.service = ChildService.on(dir, broker.bootstrapServers());
    }

    /** Starts a broker on {@code target/<name>-<pid>}; the service is started by {@link #start()}. */
    public static KillHarness open(String name) throws Exception {
        Path dir = Path.of("target", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        return new KillHarness(dir, EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka")));
    }

    /** A source the service reads (a database, an API): closed with the harness, once the service is dead. */
    public <T extends AutoCloseable> T closing(T source) {
        sources.push(source);
        return source;
    }

    /** The test's folder, for its secrets, inboxes and connector state. */
    public Path dir() {
        return dir;
    }

    /** Where the service reads its connector files. */
    public Path connectors() {
        return dir.resolve("connectors");
    }

    public ChildService service() {
        return service;
    }

    /** Starts the service. */
    public void start() throws Exception {
        service.start();
    }

    /**
     * Kills the running service (SIGKILL) as soon as {@code condition} holds, watched every 20 ms so that the kill
     * lands in the middle of what the test watches, not after it.
     */
    public void killWhen(Callable<Boolean> condition) throws Exception {
        service.awaiting(DEADLINE).pollInterval(Duration.ofMillis(20)).until(condition);
        service.kill();
    }

    /** Waits, while the service runs, until {@code condition} holds. */
    public void awaitUntil(Callable<Boolean> condition) {
        service.awaiting(DEADLINE).until(condition);
    }

    /** Every record on the connector's raw topic now. */
    public List<RawRecord> raw(String connector) {
        return TopicContents.raw(kafka(), Topics.raw(connector).name());
    }

    /** How many records the connector's raw topic holds: cheap enough to watch closely. */
    public long rawCount(String connector) {
        return TopicContents.endOffsets(kafka(), Topics.raw(connector).name());
    }

    /**
     * Waits until the resolver has caught up with the connector (exactly {@code liveKeys} in active persons, the
     * attribute of each key in {@code values} at that value), then asserts one person per live key and none twice.
     */
    public void assertGoldenOnePersonPerKey(String connector, Set<String> liveKeys, String attribute, Map<String, String> values) {
        service.awaiting(DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> GoldenTable.read(broker.bootstrapServers()).hasCaughtUp(connector, liveKeys, attribute, values));
        GoldenTable.read(broker.bootstrapServers()).assertOnePersonPerKey(connector, liveKeys);
    }

    /** The same, for a connector whose records are each a person of their own and nothing else to await. */
    public void assertGoldenOnePersonPerKey(String connector, Set<String> liveKeys) {
        assertGoldenOnePersonPerKey(connector, liveKeys, "", Map.of());
    }

    /** The source keys whose expected changes do not end the record: those that must have a golden person. */
    public static Set<String> liveKeys(Map<String, List<Operation>> changesPerKey) {
        return changesPerKey.entrySet().stream().filter(e -> !e.getValue().contains(Operation.DELETE))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The distinct source keys of the records with operation {@code operation}. */
    public static Set<String> keysOf(List<RawRecord> records, Operation operation) {
        return records.stream().filter(r -> r.getOperation() == operation).map(RawRecord::getSourceKey).collect(Collectors.toSet());
    }

    /** The distinct source keys of the records. */
    public static Set<String> keysOf(List<RawRecord> records) {
        return records.stream().map(RawRecord::getSourceKey).collect(Collectors.toSet());
    }

    /**
     * Every key is on the topic, none other, and each in one version only: a record written again (read again after a
     * kill) has the same position and the same content, so compaction keeps one and downstream takes it as a repeat.
     */
    public static void assertOneVersionPerKey(List<RawRecord> records, Set<String> keys) {
        Map<String, Set<String>> versions = records.stream().collect(Collectors.groupingBy(RawRecord::getSourceKey,
                TreeMap::new, Collectors.mapping(KillHarness::version, Collectors.toSet())));
        assertThat(versions.keySet()).as("the source keys on the raw topic").isEqualTo(keys);
        assertThat(versions.entrySet()).as("keys written twice with another position or content")
                .filteredOn(e -> e.getValue().size() > 1).isEmpty();
    }

    private static String version(RawRecord record) {
        return record.getOperation() + " " + record.getSourcePosition() + " " + StandardCharsets.UTF_8.decode(record.getPayload().duplicate());
    }

    private Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        try {
            service.close();
            while (!sources.isEmpty()) {
                sources.pop().close();
            }
        } finally {
            broker.close();
        }
    }
}
