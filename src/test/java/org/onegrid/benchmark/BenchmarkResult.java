package org.onegrid.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.backbone.Topics;
import org.onegrid.testing.PairwiseAccuracy;

/**
 * The figures of one benchmark run, as JSON for machines and as a section of docs/benchmarks.md for people. Both
 * are written from the same record, so they cannot disagree.
 */
record BenchmarkResult(String date, Map<String, Object> machine, Map<String, Object> settings, double seedSeconds,
                       Set<String> connectors, Load load, Cpu cpu, Accuracy accuracy, Memory memory, Latency latency) {

    /** Throughput of one stage: records on its output topic, per second between the first and last arrival. */
    record Stage(String topic, long records, double perSecond) {}

    /**
     * @param records source records of the running connectors
     * @param done those linked to a person or rejected when the load ended (all of them when complete)
     * @param complete every one of them was linked to a person or rejected
     * @param loadSeconds from the service's start to the last golden update
     * @param pipelineSeconds from the first raw record to the last golden update
     * @param endToEndPerSecond records done per second over {@code pipelineSeconds}
     */
    record Load(long records, long done, boolean complete, double loadSeconds, double pipelineSeconds,
                double endToEndPerSecond, List<Stage> stages) {

        /** How the load ended, in words. */
        String outcome() {
            return complete ? "complete: each linked to a person or rejected"
                    : String.format("**incomplete**: %,d of them linked to a person or rejected when the run stopped waiting", done);
        }
    }

    /**
     * CPU time of the service's JVM (all its threads, the embedded broker's included): what the work costs, whatever
     * else the machine was doing at the time.
     *
     * @param startupSeconds from its start until its connectors were running
     * @param loadSeconds from then until the load was complete
     */
    record Cpu(double startupSeconds, double loadSeconds) {}

    record Accuracy(double precision, double recall, double f1, int personsExact, int persons, int twinMerges,
                    int rejected, int unresolved) {}

    record Memory(long peakHeapMb, long peakRssMb) {}

    /**
     * @param made changes made in the department database
     * @param measured changes whose golden update was seen
     * @param untracked changes not timed (the record had no person yet, or its person already had a change in flight)
     * @param unseen tracked changes whose golden update did not come within 30 s (a change survivorship ignores
     *     leaves the golden record as it is)
     * @param hops how long the timed changes took to reach each topic on the way, in pipeline order
     */
    record Latency(int made, int measured, int untracked, int unseen, long p50Ms, long p95Ms, long p99Ms, long maxMs,
                   String note, List<Hop> hops) {}

    /** How long changes took from the department's commit to one topic on the way to the golden topic. */
    record Hop(String topic, int seen, long p50Ms, long p95Ms, long p99Ms) {}

    static Builder builder(Benchmark.Options options) {
        return new Builder(options);
    }

    String summary() {
        StringBuilder text = new StringBuilder("\nOneGrid benchmark, " + settings.get("persons") + " persons\n");
        text.append(String.format("  seeding the sandbox: %.0f s; connectors: %s%n", seedSeconds, connectors));
        if (load != null) {
            text.append(String.format("  load: %,d records %s in %.0f s after start (%.0f s first raw → last golden):"
                            + " %,.0f records/s end to end%n", load.records(), load.complete() ? "complete" : "INCOMPLETE",
                    load.loadSeconds(), load.pipelineSeconds(), load.endToEndPerSecond()));
            load.stages().forEach(s -> text.append(String.format("    %-28s %,10d records %,10.0f /s%n", s.topic(),
                    s.records(), s.perSecond())));
        }
        if (cpu != null && load != null) {
            text.append(String.format("  service CPU time: %.0f s starting, %.0f s loading (%.2f ms per record)%n",
                    cpu.startupSeconds(), cpu.loadSeconds(), 1000 * cpu.loadSeconds() / Math.max(1, load.done())));
        }
        if (accuracy != null) {
            text.append(String.format("  accuracy: precision %.4f recall %.4f F1 %.4f; persons exact %,d of %,d;"
                            + " twin merges %d; rejected %,d; unresolved %,d%n", accuracy.precision(), accuracy.recall(),
                    accuracy.f1(), accuracy.personsExact(), accuracy.persons(), accuracy.twinMerges(),
                    accuracy.rejected(), accuracy.unresolved()));
        }
        text.append(String.format("  memory: peak heap %,d MB, peak RSS %,d MB%n", memory.peakHeapMb(), memory.peakRssMb()));
        text.append("  change latency: ").append(latencyLine()).append('\n');
        if (latency != null && !latency.hops().isEmpty()) {
            text.append("  change latency by topic reached: ").append(hopsLine()).append('\n');
        }
        return text.toString();
    }

    private String latencyLine() {
        if (latency == null) {
            return "not measured";
        }
        if (latency.measured() == 0) {
            return "not measured: " + latency.note();
        }
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d of %d changes timed; %d untracked, %d unseen)",
                latency.p50Ms(), latency.p95Ms(), latency.p99Ms(), latency.maxMs(), latency.measured(), latency.made(),
                latency.untracked(), latency.unseen());
    }

    private String hopsLine() {
        List<String> parts = new ArrayList<>();
        latency.hops().forEach(h -> parts.add(String.format("%s p50 %d ms, p95 %d ms, p99 %d ms", h.topic(), h.p50Ms(),
                h.p95Ms(), h.p99Ms())));
        return String.join("; ", parts);
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /** Replaces (or adds) this run's section in the markdown file, one section per city size. */
    static void updateMarkdown(Path file, BenchmarkResult result) throws IOException {
        String begin = "<!-- benchmark persons=" + result.settings.get("persons") + " -->";
        String end = "<!-- end benchmark persons=" + result.settings.get("persons") + " -->";
        String section = begin + "\n" + result.markdown() + end;
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        text = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format("## A city of %,d residents (%s)%n%n", ((Number) settings.get("persons")).intValue(), date));
        md.append(String.format("Machine: %s. Settings: %s.%n%n", describe(machine), describe(settings)));
        md.append("| measure | value |\n|---|---|\n");
        md.append(String.format("| seeding the sandbox (generate, write four department systems) | %.0f s |%n", seedSeconds));
        md.append(String.format("| connectors running | %s |%n", String.join(", ", connectors)));
        if (load != null) {
            md.append(String.format("| source records loaded | %,d (%s) |%n", load.records(), load.outcome()));
            md.append(String.format("| time to load (service start → last golden update) | %.0f s |%n", load.loadSeconds()));
            md.append(String.format("| end-to-end throughput (first raw record → last golden update) | %,.0f records/s over %.0f s |%n",
                    load.endToEndPerSecond(), load.pipelineSeconds()));
            for (Stage stage : load.stages()) {
                md.append(String.format("| stage output `%s` | %,d records, %s |%n", stage.topic(), stage.records(),
                        stage.perSecond() > 0 ? String.format("%,.0f /s", stage.perSecond())
                                : stage.records() > 0 ? "all within one read" : "none"));
            }
        }
        if (cpu != null && load != null) {
            md.append(String.format("| CPU time of the service's JVM, starting / loading | %.0f s / %.0f s (%.2f ms per record) |%n",
                    cpu.startupSeconds(), cpu.loadSeconds(), 1000 * cpu.loadSeconds() / Math.max(1, load.done())));
        }
        if (accuracy != null) {
            md.append(String.format("| pairwise precision / recall / F1%s | %.4f / %.4f / %.4f |%n",
                    load != null && !load.complete() ? " (over the records linked or rejected)" : "", accuracy.precision(),
                    accuracy.recall(), accuracy.f1()));
            md.append(String.format("| persons exact | %,d of %,d (%.2f %%) |%n", accuracy.personsExact(), accuracy.persons(),
                    100.0 * accuracy.personsExact() / Math.max(1, accuracy.persons())));
            md.append(String.format("| twins merged | %d |%n", accuracy.twinMerges()));
            md.append(String.format("| rejected by the mapping / not resolved | %,d / %,d |%n", accuracy.rejected(),
                    accuracy.unresolved()));
        }
        md.append(String.format("| peak heap (sampled each second) / peak RSS of the service's JVM | %,d MB / %,d MB |%n",
                memory.peakHeapMb(), memory.peakRssMb()));
        md.append(String.format("| change latency, source commit → golden topic | %s |%n", latencyLine()));
        if (latency != null && !latency.hops().isEmpty()) {
            md.append(String.format("| change latency, source commit → each topic on the way | %s |%n", hopsLine()));
        }
        return md.append('\n').toString();
    }

    private static String describe(Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key + " " + value));
        return String.join(", ", parts);
    }

    /** Collects the figures as the run goes. */
    static final class Builder {
        private final Map<String, Object> machine = Machine.describe();
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private double seedSeconds;
        private Set<String> connectors = Set.of();
        private Load load;
        private Cpu cpu;
        private Accuracy accuracy;
        private Memory memory = new Memory(0, 0);
        private Latency latency;

        private Builder(Benchmark.Options options) {
            settings.put("persons", options.persons());
            settings.put("seed", options.seed());
            settings.put("service heap (-Xmx)", options.maxHeap());
            settings.put("change rate /s", options.changeRate());
            settings.put("change seconds", options.changeSeconds());
            settings.put("service settings", "the shipped defaults (application.yml) and connector files");
        }

        void seedSeconds(double seconds) {
            seedSeconds = seconds;
        }

        double seedSeconds() {
            return seedSeconds;
        }

        void connectors(Set<String> running) {
            connectors = running;
        }

        void load(TopicWatch watch, long serviceStart, long records, long done, boolean complete) {
            List<Stage> stages = new ArrayList<>();
            long firstRaw = Long.MAX_VALUE;
            long rawCount = 0;
            long lastRaw = 0;
            for (String topic : watch.topicsStartingWith("onegrid.raw.")) {
                TopicWatch.Arrivals raw = watch.on(topic);
                stages.add(stage(topic, raw));
                firstRaw = Math.min(firstRaw, raw.first());
                lastRaw = Math.max(lastRaw, raw.last());
                rawCount += raw.count();
            }
            stages.add(0, new Stage("onegrid.raw.* (connectors)", rawCount,
                    lastRaw > firstRaw ? rawCount * 1000.0 / (lastRaw - firstRaw) : 0));
            for (var topic : List.of(Topics.SOURCE, Topics.LINKS, Topics.GOLDEN, Topics.CONFLICTS)) {
                stages.add(stage(topic.name(), watch.on(topic.name())));
            }
            long lastGolden = watch.on(Topics.GOLDEN.name()).last();
            double pipelineSeconds = firstRaw == Long.MAX_VALUE ? 0 : (lastGolden - firstRaw) / 1000.0;
            load = new Load(records, done, complete, (lastGolden - serviceStart) / 1000.0, pipelineSeconds,
                    pipelineSeconds > 0 ? done / pipelineSeconds : 0, stages);
        }

        private static Stage stage(String topic, TopicWatch.Arrivals arrivals) {
            return new Stage(topic, arrivals.count(), arrivals.rate());
        }

        void cpu(double startupSeconds, double loadSeconds) {
            cpu = new Cpu(startupSeconds, loadSeconds);
        }

        String loadLine() {
            return String.format("%,d of %,d records in %.0f s after start, %,.0f records/s end to end", load.done(),
                    load.records(), load.loadSeconds(), load.endToEndPerSecond());
        }

        void accuracy(PairwiseAccuracy pairwise, int rejected) {
            accuracy = new Accuracy(pairwise.precision(), pairwise.recall(), pairwise.f1(), pairwise.personsExact(),
                    pairwise.persons(), pairwise.twinMerges(), rejected, pairwise.unresolved());
        }

        void memory(long peakHeapBytes, long peakRssBytes) {
            memory = new Memory(Math.max(memory.peakHeapMb(), peakHeapBytes >> 20),
                    Math.max(memory.peakRssMb(), peakRssBytes >> 20));
        }

        /**
         * @param millis the timed changes' latencies to the golden topic
         * @param hops topic on the way → the timed changes' latencies to it, in pipeline order
         */
        void latency(int made, int untracked, int unseen, List<Long> millis, Map<String, List<Long>> hops) {
            List<Long> sorted = millis.stream().sorted().toList();
            List<Hop> byTopic = new ArrayList<>();
            hops.forEach((topic, times) -> {
                List<Long> inOrder = times.stream().sorted().toList();
                byTopic.add(new Hop(topic, inOrder.size(), percentile(inOrder, 50), percentile(inOrder, 95),
                        percentile(inOrder, 99)));
            });
            latency = new Latency(made, sorted.size(), untracked, unseen, percentile(sorted, 50), percentile(sorted, 95),
                    percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                    sorted.isEmpty() ? "no golden update was seen for any change" : "", byTopic);
        }

        void latencySkipped(String why) {
            latency = new Latency(0, 0, 0, 0, 0, 0, 0, 0, why, List.of());
        }

        private static long percentile(List<Long> sorted, int p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        BenchmarkResult build() {
            return new BenchmarkResult(LocalDate.now().toString(), machine, settings, seedSeconds, connectors, load,
                    cpu, accuracy, memory, latency);
        }
    }
}
