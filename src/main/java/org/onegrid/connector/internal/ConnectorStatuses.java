package org.onegrid.connector.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorHeaders;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.ConnectorStatus;
import org.onegrid.connector.IngestBatch;
import org.onegrid.schema.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connector has done, kept in memory since start, and mirrored as Micrometer counters
 * ({@code onegrid.connector.records}, {@code onegrid.connector.rejects}). Holds counts and problem texts only.
 * The {@code connector-errors} route configuration calls {@link #unitFailed(Exchange)}.
 */
public final class ConnectorStatuses {

    static final String RECORDS = "onegrid.connector.records";
    static final String REJECTS = "onegrid.connector.rejects";
    private static final Logger log = LoggerFactory.getLogger(ConnectorStatuses.class);

    private final MeterRegistry registry;
    private final Map<String, Tracker> trackers = new ConcurrentSkipListMap<>();

    public ConnectorStatuses(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(ConnectorDefinition definition, ConnectorState state, List<ConfigProblem> problems) {
        register(definition, state, problems, List.of());
    }

    void register(ConnectorDefinition definition, ConnectorState state, List<ConfigProblem> problems, List<String> notes) {
        Tracker tracker = new Tracker(definition, Counter.builder(RECORDS).tag("connector", definition.id())
                .description("records a connector wrote to its raw topic, acknowledged by Kafka").register(registry));
        tracker.state = state;
        tracker.problems = problems.stream().map(ConfigProblem::toString).toList();
        tracker.notes = List.copyOf(notes);
        if (!problems.isEmpty()) {
            tracker.error(problems.get(0).toString());
        }
        trackers.put(definition.id(), tracker);
    }

    void state(String connector, ConnectorState state) {
        tracker(connector).state = state;
    }

    void error(String connector, String message) {
        tracker(connector).error(message);
    }

    /** A batch Kafka acknowledged. */
    void counted(IngestBatch batch) {
        Tracker tracker = tracker(batch.connector());
        tracker.recordsIn.addAndGet(batch.records().size());
        long snapshotReads = batch.records().stream().filter(r -> r.getOperation() == Operation.SNAPSHOT).count();
        tracker.snapshotReads.addAndGet(snapshotReads);
        tracker.changes.addAndGet(batch.records().size() - snapshotReads);
        tracker.records.increment(batch.records().size());
        batch.rejectsByReason().forEach((reason, count) -> {
            tracker.rejects.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(count);
            Counter.builder(REJECTS).tag("connector", batch.connector()).tag("reason", reason)
                    .description("records a connector sent to onegrid.rejected, by reason code").register(registry)
                    .increment(count);
        });
        if (batch.sourceTime() != null && (tracker.lastSourceTime == null || batch.sourceTime().isAfter(tracker.lastSourceTime))) {
            tracker.lastSourceTime = batch.sourceTime();
        }
    }

    /**
     * A unit of work did not complete (Kafka did not answer, the source failed): it stays unmarked and is tried
     * again. A {@linkplain ConnectorException#isPermanent() permanent} failure (the source refused the credentials)
     * makes the connector FAILED instead: its type stops asking until the service is restarted. Called by the route
     * configuration; logs the connector and the error's type and message, no data.
     */
    public void unitFailed(Exchange exchange) {
        String connector = exchange.getMessage().getHeader(ConnectorHeaders.CONNECTOR, String.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = failure == null ? "unknown failure"
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        boolean permanent = permanent(failure);
        if (permanent) {
            log.warn("Connector {} is FAILED and stops until the service is restarted: {}", connector, message);
        } else {
            log.warn("Connector {}: a unit of work did not complete and will be tried again: {}", connector, message);
        }
        if (connector != null && trackers.containsKey(connector)) {
            error(connector, message);
            if (permanent) {
                state(connector, ConnectorState.FAILED);
            }
        }
    }

    private static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectorException e && e.isPermanent()) {
                return true;
            }
        }
        return false;
    }

    public List<ConnectorStatus> all() {
        return trackers.values().stream().map(Tracker::snapshot).toList();
    }

    public Optional<ConnectorStatus> of(String connector) {
        return Optional.ofNullable(trackers.get(connector)).map(Tracker::snapshot);
    }

    private Tracker tracker(String connector) {
        Tracker tracker = trackers.get(connector);
        if (tracker == null) {
            throw new IllegalStateException("no connector " + connector + " is registered");
        }
        return tracker;
    }

    private static final class Tracker {

        final ConnectorDefinition definition;
        final Counter records;
        final AtomicLong recordsIn = new AtomicLong();
        final AtomicLong snapshotReads = new AtomicLong();
        final AtomicLong changes = new AtomicLong();
        final Map<String, AtomicLong> rejects = new ConcurrentHashMap<>();
        volatile ConnectorState state;
        volatile List<String> problems = List.of();
        volatile List<String> notes = List.of();
        volatile String lastError;
        volatile Instant lastErrorAt;
        volatile Instant lastSourceTime;

        Tracker(ConnectorDefinition definition, Counter records) {
            this.definition = definition;
            this.records = records;
        }

        synchronized void error(String message) {
            lastError = message;
            lastErrorAt = Instant.now();
        }

        ConnectorStatus snapshot() {
            Map<String, Long> byReason = new TreeMap<>();
            rejects.forEach((reason, count) -> byReason.put(reason, count.get()));
            return new ConnectorStatus(definition.id(), definition.type(), definition.department(), state, recordsIn.get(),
                    snapshotReads.get(), changes.get(),
                    byReason, lastError, lastErrorAt == null ? null : lastErrorAt.toString(),
                    lastSourceTime == null ? null : lastSourceTime.toString(), problems, notes);
        }
    }
}
