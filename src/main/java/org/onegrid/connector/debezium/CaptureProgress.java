package org.onegrid.connector.debezium;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one change-data-capture connector has done since the service started: its phase, the rows each table's
 * snapshot has read, the newest source commit time and the records written. Counts only, never a value.
 */
public final class CaptureProgress {

    /** Where the engine is. */
    public enum Phase { STARTING, SNAPSHOT, STREAMING, RESTARTING, STOPPED }

    private final String connector;
    private final String type;
    private final Map<String, AtomicLong> snapshotRows = new ConcurrentSkipListMap<>();
    private final Map<String, Boolean> snapshotDone = new ConcurrentSkipListMap<>();
    private final AtomicLong recordsIn = new AtomicLong();
    private final AtomicLong engineStarts = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private volatile Phase phase = Phase.STARTING;
    private volatile Instant lastSourceTime;
    private volatile String lastPosition;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    CaptureProgress(String connector, String type) {
        this.connector = connector;
        this.type = type;
    }

    void started() {
        engineStarts.incrementAndGet();
        phase = Phase.STARTING;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    Phase phase() {
        return phase;
    }

    /** Adds a snapshot row of a table; returns the table's count so far. */
    long snapshotRow(String table) {
        snapshotDone.putIfAbsent(table, false);
        return snapshotRows.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
    }

    void snapshotFinished(String table) {
        snapshotDone.put(table, true);
    }

    /** A new snapshot of these tables was asked for: their counts start again. */
    void snapshotRequested(Iterable<String> tables) {
        snapshotRequests.incrementAndGet();
        for (String table : tables) {
            snapshotRows.put(table, new AtomicLong());
            snapshotDone.put(table, false);
        }
    }

    void written(int records, Instant sourceTime, String position) {
        recordsIn.addAndGet(records);
        if (sourceTime != null && (lastSourceTime == null || sourceTime.isAfter(lastSourceTime))) {
            lastSourceTime = sourceTime;
        }
        if (position != null) {
            lastPosition = position;
        }
    }

    void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
    }

    public long snapshotRows(String table) {
        AtomicLong n = snapshotRows.get(table);
        return n == null ? 0 : n.get();
    }

    public long recordsIn() {
        return recordsIn.get();
    }

    public long engineStarts() {
        return engineStarts.get();
    }

    /** For {@code /actuator/cdc}. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("connector", connector);
        view.put("type", type);
        view.put("phase", phase.name());
        Map<String, Object> tables = new LinkedHashMap<>();
        snapshotRows.forEach((table, rows) -> tables.put(table, Map.of("rows", rows.get(), "done", snapshotDone.getOrDefault(table, false))));
        view.put("snapshot", tables);
        view.put("recordsIn", recordsIn.get());
        view.put("lastSourceTime", lastSourceTime == null ? null : lastSourceTime.toString());
        view.put("lastPosition", lastPosition);
        view.put("engineStarts", engineStarts.get());
        view.put("snapshotRequests", snapshotRequests.get());
        view.put("lastError", lastError);
        view.put("lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
        return view;
    }
}
