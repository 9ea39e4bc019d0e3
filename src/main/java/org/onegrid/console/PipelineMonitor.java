package org.onegrid.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.connector.ConnectorStatus;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.publish.PersonTable;
import org.onegrid.schema.Conflict;

/**
 * The pipeline at one moment, for IT staff: each connector's state and counts, each stage's state and throughput,
 * the resolver's table and work list, the broker. Throughputs are the change since the previous look, so one monitor
 * is asked at a steady pace ({@link ConsoleController} asks it every second while a page watches).
 */
public final class PipelineMonitor {

    /** A Kafka Streams stage as the monitor sees it. */
    public record Stage(String name, Supplier<String> state, Supplier<Long> processed) {}

    private final KafkaBackbone backbone;
    private final ConnectorStatuses connectors;
    private final List<Stage> stages;
    private final PersonTable table;
    private final ConsoleFeed feed;
    private final Clock clock;
    private final Map<String, long[]> previous = new HashMap<>();

    public PipelineMonitor(KafkaBackbone backbone, ConnectorStatuses connectors, List<Stage> stages, PersonTable table,
                           ConsoleFeed feed, Clock clock) {
        this.backbone = backbone;
        this.connectors = connectors;
        this.stages = stages;
        this.table = table;
        this.feed = feed;
        this.clock = clock;
    }

    /** Counts, states and rates now; never personal data. */
    public synchronized Map<String, Object> look() {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now.toString());
        out.put("broker", broker());
        List<Map<String, Object>> connectorList = new ArrayList<>();
        for (ConnectorStatus status : connectors.all()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", status.id());
            c.put("type", status.type());
            c.put("department", status.department());
            c.put("state", status.state().name());
            c.put("recordsIn", status.recordsIn());
            c.put("perSecond", rate("connector/" + status.id(), status.recordsIn(), now));
            c.put("snapshotReads", status.snapshotReads());
            c.put("changes", status.changes());
            c.put("rejects", status.rejects());
            c.put("lastError", status.lastError());
            c.put("lastErrorAt", status.lastErrorAt());
            c.put("lastSourceTime", status.lastSourceTime());
            connectorList.add(c);
        }
        out.put("connectors", connectorList);
        List<Map<String, Object>> stageList = new ArrayList<>();
        for (Stage stage : stages) {
            long processed = stage.processed().get();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", stage.name());
            s.put("state", stage.state().get());
            s.put("processed", processed);
            s.put("perSecond", rate("stage/" + stage.name(), processed, now));
            stageList.add(s);
        }
        out.put("stages", stageList);
        Map<String, Object> resolver = new LinkedHashMap<>();
        resolver.put("personIds", personIds());
        resolver.put("goldenChanges", feed.goldenChanges());
        resolver.put("merges", feed.merges());
        Map<String, Long> reviews = new TreeMap<>();
        for (Conflict conflict : feed.openConflicts()) {
            reviews.merge(conflict.getKind().name(), 1L, Long::sum);
        }
        resolver.put("openReviewItems", reviews);
        out.put("resolver", resolver);
        out.put("rejected", feed.rejectCounts());
        return out;
    }

    private Long personIds() {
        try {
            return table.approximateSize();
        } catch (RuntimeException e) {
            return null; // the publishing stage is (re)loading its store
        }
    }

    private Map<String, Object> broker() {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("bootstrapServers", backbone.bootstrapServers());
        broker.put("embedded", backbone.isEmbedded());
        try {
            int nodes = backbone.admin().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            broker.put("up", true);
            broker.put("nodes", nodes);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            broker.put("up", false);
            broker.put("error", e.getClass().getSimpleName());
        }
        return broker;
    }

    /** Per second since the last look at the same counter; 0 at the first. */
    private double rate(String key, long count, Instant now) {
        long[] last = previous.put(key, new long[] {count, now.toEpochMilli()});
        if (last == null || now.toEpochMilli() <= last[1]) {
            return 0;
        }
        return Math.max(0, (count - last[0]) * 1000.0 / (now.toEpochMilli() - last[1]));
    }
}
