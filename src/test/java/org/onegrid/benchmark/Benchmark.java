package org.onegrid.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.embedded.population.Population;
import org.onegrid.embedded.population.PopulationFiles;
import org.onegrid.embedded.population.PopulationSpec;
import org.onegrid.embedded.sandbox.LiveChanges;
import org.onegrid.embedded.sandbox.Sandbox;
import org.onegrid.embedded.sandbox.SandboxSettings;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.PairwiseAccuracy;

/**
 * The end-to-end benchmark: a generated city seeds the four sandbox department systems; the packaged service,
 * started in its own JVM on its shipped connector files, loads them through its connectors, mapping and resolver
 * onto the golden topic; the benchmark watches the topics as a subscriber would, then makes a steady rate of changes
 * in a department database and times each until the golden topic shows it. It prints the figures and writes them to
 * a JSON file beside it and into docs/benchmarks.md.
 *
 * <p>Run by {@code mvn -Pbenchmark verify -Dbenchmark.persons=100000} (README); options are {@code --key value}
 * pairs, see {@link Options}.
 */
public final class Benchmark {

    /** The ports the shipped connector files name for the sandbox departments (as on the embedded defaults). */
    private static final int POSTGRES_PORT = 15432;
    private static final int MARIADB_PORT = 13306;
    private static final int HEALTH_PORT = 18080;
    /** The department whose database the timed changes are made in. */
    private static final String CHANGED_DEPARTMENT = "public-security";

    private final Options options;
    private final Path workDir = Path.of("").toAbsolutePath();
    private final AvroSerde<PersonLink> links = AvroSerde.of(PersonLink.class);
    private final Map<String, String> predicted = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> pendingChanges = new ConcurrentHashMap<>();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Topic on the way to the golden topic → timed changes not yet seen there (record ref → made at) and the times. */
    private final Map<String, Hop> hops = new LinkedHashMap<>();

    /**
     * The resolver's internal topic between its shard router and its shard resolvers (application id, then the
     * repartition's name): a change's arrival there splits the resolver's time into routing and resolving.
     */
    private static final String BY_SHARD = "onegrid-resolver-resolver-by-shard-repartition";
    /** Its values: one byte naming the type (0: a source record, 1: a reviewer decision), then the Avro value. */
    private static final AvroSerde<SourcePerson> ROUTED = AvroSerde.of(SourcePerson.class);

    private Benchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchmarkResult result = new Benchmark(options).run();
        System.out.println(result.summary());
        Path json = Path.of("benchmark-" + options.persons() + ".json");
        result.writeJson(json);
        BenchmarkResult.updateMarkdown(options.project().resolve("docs/benchmarks.md"), result);
        System.out.println("Written: " + json.toAbsolutePath() + " and docs/benchmarks.md");
    }

    private BenchmarkResult run() throws Exception {
        for (int port : List.of(POSTGRES_PORT, MARIADB_PORT, HEALTH_PORT)) {
            requireFree(port);
        }
        prepareWorkDir();
        BenchmarkResult.Builder result = BenchmarkResult.builder(options);
        log("Seeding the sandbox department systems with a city of %,d residents (seed %d)", options.persons(), options.seed());
        long seedStart = System.currentTimeMillis();
        try (Sandbox sandbox = Sandbox.start(new SandboxSettings(workDir.resolve("var/sandbox"), options.persons(),
                options.seed(), POSTGRES_PORT, MARIADB_PORT, HEALTH_PORT))) {
            result.seedSeconds((System.currentTimeMillis() - seedStart) / 1000.0);
            Map<String, String> truth = readTruth(sandbox.truth());
            log("Seeded in %.0f s: %,d department records", result.seedSeconds(), truth.size());

            int kafkaPort = freePort();
            int httpPort = freePort();
            long serviceStart = System.currentTimeMillis();
            try (ServiceProcess service = ServiceProcess.start(options.jar(), workDir, options.maxHeap(), httpPort, List.of(
                    "--onegrid.sandbox.enabled=false",
                    "--onegrid.kafka.embedded.port=" + kafkaPort,
                    "--onegrid.kafka.embedded.controller-port=" + freePort()))) {
                service.awaitStarted(Duration.ofMinutes(3));
                Set<String> running = awaitConnectors(service);
                double startupCpu = service.cpuSeconds();
                result.connectors(running);
                Map<String, String> expected = new HashMap<>();
                truth.forEach((ref, person) -> {
                    if (running.contains(ref.substring(0, ref.indexOf('/')))) {
                        expected.put(ref, person);
                    }
                });
                log("Connectors running: %s; %,d of the %,d records are theirs", running, expected.size(), truth.size());

                String rawTopic = Topics.raw(CHANGED_DEPARTMENT).name();
                hops.put(rawTopic, new Hop());
                hops.put(Topics.SOURCE.name(), new Hop());
                hops.put(BY_SHARD, new Hop());
                try (TopicWatch watch = new TopicWatch("127.0.0.1:" + kafkaPort,
                        Pattern.compile("onegrid\\..*|" + Pattern.quote(BY_SHARD)), Map.of(
                        Topics.LINKS.name(), this::onLink,
                        Topics.GOLDEN.name(), this::onGolden,
                        rawTopic, (record, at) -> hops.get(rawTopic).arrived(CHANGED_DEPARTMENT + "/" + record.key(), at),
                        Topics.SOURCE.name(), (record, at) -> hops.get(Topics.SOURCE.name()).arrived(record.key(), at),
                        BY_SHARD, (record, at) -> routedRef(record.value()).ifPresent(ref -> hops.get(BY_SHARD).arrived(ref, at)),
                        Topics.rejected(Duration.ZERO).name(), (record, at) -> rejected.add(record.key())))) {
                    boolean complete = awaitLoad(watch, expected.keySet());
                    result.load(watch, serviceStart, expected.size(), done(expected.keySet()), complete);
                    result.cpu(startupCpu, service.cpuSeconds() - startupCpu);
                    result.memory(service.peakHeapBytes(), service.peakRssBytes());
                    Set<Set<String>> twins = twins();
                    // An incomplete load is scored on what it did: the records not reached yet are left out.
                    Map<String, String> scored = new HashMap<>(expected);
                    scored.keySet().removeIf(ref -> !predicted.containsKey(ref) && !rejected.contains(ref));
                    result.accuracy(PairwiseAccuracy.score(complete ? expected : scored, predicted, twins), rejected.size());
                    log("Loaded: %s", result.loadLine());
                    if (!complete) {
                        result.latencySkipped("the load did not complete");
                    } else if (running.contains(CHANGED_DEPARTMENT) && options.changeSeconds() > 0) {
                        measureChanges(sandbox.changes(), result);
                    } else {
                        result.latencySkipped("the " + CHANGED_DEPARTMENT + " connector is not running");
                    }
                    result.memory(service.peakHeapBytes(), service.peakRssBytes());
                }
            }
        }
        return result.build();
    }

    private void prepareWorkDir() throws IOException {
        deleteTree(workDir.resolve("var"));
        for (String folder : List.of("connectors", "routes")) {
            deleteTree(workDir.resolve(folder));
            Path from = options.project().resolve(folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = workDir.resolve(folder).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Source record ref ({@code department/sourceKey}) → true person, from the sandbox's truth file. */
    private static Map<String, String> readTruth(Path file) throws IOException {
        Map<String, String> truth = new HashMap<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] cells = line.split(",", -1);
                truth.put(cells[0] + "/" + cells[1], cells[2]);
            });
        }
        if (!PopulationFiles.TRUTH_HEADER.subList(0, 3).equals(List.of("department", "sourceKey", "personId"))) {
            throw new IllegalStateException("the truth file's columns changed; update the benchmark");
        }
        return truth;
    }

    /** Pairs of true person ids that are twins: the generator's hardest negatives. */
    private Set<Set<String>> twins() {
        Set<Set<String>> twins = new HashSet<>();
        Population.generate(new PopulationSpec(options.seed(), options.persons())).residents()
                .filter(r -> r.twinOf() != null).forEach(r -> twins.add(Set.of(r.personId(), r.twinOf())));
        return twins;
    }

    /** The connectors that came up, once none is still starting. */
    private static Set<String> awaitConnectors(ServiceProcess service) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonNode all = service.get("/actuator/connectors");
            Set<String> running = new java.util.TreeSet<>();
            boolean starting = false;
            for (JsonNode connector : all) {
                String state = connector.path("state").asText();
                starting |= "STARTING".equals(state);
                if ("RUNNING".equals(state)) {
                    running.add(connector.path("id").asText());
                } else if (!"STARTING".equals(state)) {
                    log("Connector %s is %s: %s %s", connector.path("id").asText(), state,
                            connector.path("lastError").asText(""), connector.path("problems"));
                }
            }
            if (!all.isEmpty() && (!starting || System.currentTimeMillis() > deadline)) {
                return running;
            }
            Thread.sleep(1000);
        }
    }

    /** Waits until every expected record is linked to a person or rejected, or nothing moves for the stall time. */
    private boolean awaitLoad(TopicWatch watch, Set<String> expected) throws InterruptedException {
        long lastProgress = System.currentTimeMillis();
        long lastTotal = -1;
        long deadline = System.currentTimeMillis() + options.loadTimeout().toMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(5000);
            long done = done(expected);
            long raw = watch.topicsStartingWith("onegrid.raw.").stream().mapToLong(t -> watch.on(t).count()).sum();
            long total = raw + watch.on(Topics.SOURCE.name()).count() + watch.on(Topics.LINKS.name()).count();
            log("raw %,d · source %,d · links %,d · golden %,d · rejected %,d · resolved or rejected %,d of %,d",
                    raw, watch.on(Topics.SOURCE.name()).count(), watch.on(Topics.LINKS.name()).count(),
                    watch.on(Topics.GOLDEN.name()).count(), rejected.size(), done, expected.size());
            if (done >= expected.size()) {
                Thread.sleep(3000); // the last golden updates of the last transaction
                return true;
            }
            if (total != lastTotal) {
                lastTotal = total;
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > options.stall().toMillis()) {
                log("Nothing arrived for %s: the load is reported incomplete", options.stall());
                return false;
            }
        }
        log("The load did not finish within %s: reported incomplete", options.loadTimeout());
        return false;
    }

    /** The expected records linked to a person or rejected so far. */
    private long done(Set<String> expected) {
        return expected.stream().filter(ref -> predicted.containsKey(ref) || rejected.contains(ref)).count();
    }

    /** A steady rate of changes in the public-security database, each timed until its person's golden update. */
    private void measureChanges(LiveChanges changes, BenchmarkResult.Builder result) throws InterruptedException {
        log("Measuring change latency: %d changes/s for %d s", options.changeRate(), options.changeSeconds());
        long periodNanos = 1_000_000_000L / options.changeRate();
        long next = System.nanoTime();
        int made = 0;
        int untracked = 0;
        long end = System.nanoTime() + options.changeSeconds() * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (LiveChanges.Change change : changes.make(1, List.of(LiveChanges.Kind.MOVE, LiveChanges.Kind.PHONE))) {
                made++;
                String ref = change.department() + "/" + change.sourceKey();
                String person = predicted.get(ref);
                if (person == null || pendingChanges.putIfAbsent(person, change.madeAt().toEpochMilli()) != null) {
                    untracked++; // a record without a person yet, or a person already waiting for a change
                } else {
                    hops.values().forEach(hop -> hop.pending.put(ref, change.madeAt().toEpochMilli()));
                }
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        long drain = System.currentTimeMillis() + 30_000;
        while (!pendingChanges.isEmpty() && System.currentTimeMillis() < drain) {
            Thread.sleep(200);
        }
        Map<String, List<Long>> byTopic = new LinkedHashMap<>();
        hops.forEach((topic, hop) -> byTopic.put(topic, List.copyOf(hop.latencies)));
        result.latency(made, untracked, pendingChanges.size(), List.copyOf(latencies), byTopic);
    }

    private void onLink(ConsumerRecord<String, byte[]> record, long at) {
        if (record.value() == null) {
            return;
        }
        PersonLink link = links.decode(record.value());
        String ref = link.getConnector() + "/" + link.getSourceKey();
        if (link.getPersonId() == null) {
            predicted.remove(ref);
        } else {
            predicted.put(ref, link.getPersonId());
        }
    }

    private void onGolden(ConsumerRecord<String, byte[]> record, long at) {
        Long madeAt = pendingChanges.get(record.key());
        if (madeAt != null && at >= madeAt && pendingChanges.remove(record.key(), madeAt)) {
            latencies.add(at - madeAt);
        }
    }

    /** The ref of a source record on {@link #BY_SHARD}; empty for a reviewer decision. */
    private static Optional<String> routedRef(byte[] value) {
        if (value == null || value.length == 0 || value[0] != 0) {
            return Optional.empty();
        }
        SourcePerson person = ROUTED.decode(Arrays.copyOfRange(value, 1, value.length));
        return Optional.of(person.getConnector() + "/" + person.getSourceKey());
    }

    /** Timed changes on their way through one topic: those not seen there yet, and how long the others took. */
    private static final class Hop {
        final Map<String, Long> pending = new ConcurrentHashMap<>();
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        void arrived(String ref, long at) {
            Long madeAt = pending.get(ref);
            if (madeAt != null && at >= madeAt && pending.remove(ref, madeAt)) {
                latencies.add(at - madeAt);
            }
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use; the benchmark runs the sandbox departments on the"
                    + " ports the shipped connector files name. Is OneGrid running on its embedded defaults? Stop it first.");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[benchmark %s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }

    /**
     * The benchmark's options.
     *
     * @param persons residents of the generated city
     * @param seed the generator's seed
     * @param project the project's directory (connectors/, routes/, docs/)
     * @param jar the packaged service
     * @param maxHeap the service's -Xmx
     * @param changeRate changes per second while latency is measured
     * @param changeSeconds how long changes are made; 0 skips the latency measurement
     * @param loadTimeout the longest the load may take
     * @param stall how long nothing may arrive before the load is given up
     */
    record Options(int persons, long seed, Path project, Path jar, String maxHeap, int changeRate, int changeSeconds,
                   Duration loadTimeout, Duration stall) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("options are --key value pairs; got " + args[i]);
                }
                given.put(args[i].substring(2), args[i + 1]);
            }
            Path project = Path.of(given.getOrDefault("project", "../..")).toAbsolutePath().normalize();
            Options options = new Options(
                    Integer.parseInt(given.getOrDefault("persons", "100000")),
                    Long.parseLong(given.getOrDefault("seed", "7")),
                    project,
                    Path.of(given.getOrDefault("jar", project.resolve("target/onegrid.jar").toString())),
                    given.getOrDefault("max-heap", "2g"),
                    Integer.parseInt(given.getOrDefault("change-rate", "20")),
                    Integer.parseInt(given.getOrDefault("change-seconds", "60")),
                    Duration.ofMinutes(Long.parseLong(given.getOrDefault("load-timeout-minutes", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("stall-seconds", "180"))));
            if (!Files.isRegularFile(options.jar())) {
                throw new UncheckedIOException(new IOException("no service jar at " + options.jar()
                        + "; build it first (mvn -Pbenchmark verify does)"));
            }
            return options;
        }
    }
}
