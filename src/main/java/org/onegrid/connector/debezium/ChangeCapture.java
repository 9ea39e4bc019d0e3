package org.onegrid.connector.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.IngestBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Debezium's embedded engine for one connector and hands every engine batch, as one {@link IngestBatch}, to a
 * {@link BatchHandler} (the connector's Camel route, ending in the raw sink). Only when the handler returned (Kafka
 * acknowledged) are the batch's events marked processed and the batch finished, and the offsets file is flushed after
 * every batch. A handler that throws marks nothing: the engine stops and is started again after a pause, from the
 * last committed offset, so a change is written at least once and, when twice, with the same key and content.
 * Must never log a column value or the password.
 */
final class ChangeCapture implements AutoCloseable {

    /** Where a batch goes; returns only when it is safely written. */
    @FunctionalInterface
    interface BatchHandler {
        void handle(IngestBatch batch) throws Exception;
    }

    static final long PROGRESS_EVERY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);

    private final ConnectorDefinition definition;
    private final Flavor flavor;
    private final BatchHandler handler;
    private final CaptureProgress progress;
    private final Duration restartPause;
    private final ExecutorService runner;
    private final ScheduledExecutorService restarts;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean running;

    ChangeCapture(ConnectorDefinition definition, Flavor flavor, BatchHandler handler, CaptureProgress progress, Duration restartPause) {
        this.definition = definition;
        this.flavor = flavor;
        this.handler = handler;
        this.progress = progress;
        this.restartPause = restartPause;
        this.runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "cdc-" + definition.id()));
        this.restarts = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cdc-restart-" + definition.id()));
    }

    CaptureProgress progress() {
        return progress;
    }

    /** Starts the engine; it reads from the last committed offset, or snapshots when there is none. */
    synchronized void start() {
        running = true;
        launch();
    }

    private synchronized void launch() {
        if (!running) {
            return;
        }
        DebeziumSource source = definition.source(DebeziumSource.class);
        try {
            Files.createDirectories(source.stateDir(definition.id()));
        } catch (IOException e) {
            throw new ConnectorException("cannot create the connector's state folder " + source.stateDir(definition.id()), e);
        }
        progress.started();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(EngineProperties.of(definition, flavor))
                .notifying(this::handleBatch)
                .using((success, message, error) -> stopped(success, message, error))
                .build();
        log.info("Connector {}: change capture starting ({}, offsets in {})", definition.id(), flavor.typeName(),
                source.offsetsFile(definition.id()));
        runner.execute(engine);
    }

    private void stopped(boolean success, String message, Throwable error) {
        // This engine is done: closing it again would fail, and a snapshot cannot be asked of it.
        engine = null;
        if (!running) {
            progress.phase(CaptureProgress.Phase.STOPPED);
            log.info("Connector {}: change capture stopped", definition.id());
            return;
        }
        String why = error != null ? error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()) : message;
        progress.error(why);
        progress.phase(CaptureProgress.Phase.RESTARTING);
        log.warn("Connector {}: change capture stopped ({}); starting again from the last committed offset in {} s", definition.id(),
                why, restartPause.toSeconds());
        restarts.schedule(this::launch, restartPause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> events, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        IngestBatch.Builder batch = null;
        Instant newest = null;
        String lastPosition = null;
        int keyless = 0;
        List<ChangeRecords.Change> changes = new java.util.ArrayList<>();
        for (RecordChangeEvent<SourceRecord> event : events) {
            SourceRecord record = event.record();
            if (!ChangeRecords.isChange(record)) {
                continue;
            }
            ChangeRecords.Change change = ChangeRecords.of(record, flavor);
            if (change.sourceKey() == null) {
                keyless++;
                continue;
            }
            changes.add(change);
            if (change.sourceTime() != null && (newest == null || change.sourceTime().isAfter(newest))) {
                newest = change.sourceTime();
            }
            lastPosition = change.position();
        }
        if (!changes.isEmpty()) {
            batch = IngestBatch.builder(definition.id(), "change batch up to " + lastPosition, newest);
            for (ChangeRecords.Change c : changes) {
                batch.change(c.operation(), c.sourceKey(), c.position(), c.sourceTime(), c.json(), c.meta());
            }
            try {
                handler.handle(batch.build());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // Nothing of this batch is marked: the engine stops and starts again from the last committed offset.
                throw new ConnectorException("the batch up to " + lastPosition + " was not written (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
            }
            count(changes, newest, lastPosition);
        }
        if (keyless > 0) {
            log.warn("Connector {}: {} change(s) of a table without a primary key were skipped; set key: [columns] in the connector file",
                    definition.id(), keyless);
            progress.error(keyless + " change(s) without a key were skipped");
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private void count(List<ChangeRecords.Change> changes, Instant newest, String lastPosition) {
        boolean streaming = false;
        for (ChangeRecords.Change c : changes) {
            if (c.snapshot()) {
                long rows = progress.snapshotRow(c.table());
                if (rows % PROGRESS_EVERY == 0) {
                    log.info("Connector {}: snapshot of {}: {} rows so far", definition.id(), c.table(), rows);
                }
                if (c.lastOfSnapshot()) {
                    progress.snapshotFinished(c.table());
                    log.info("Connector {}: snapshot of {} done: {} rows", definition.id(), c.table(), rows);
                }
            } else {
                streaming = true;
            }
        }
        progress.phase(streaming || !changes.get(changes.size() - 1).snapshot() ? CaptureProgress.Phase.STREAMING
                : CaptureProgress.Phase.SNAPSHOT);
        progress.written(changes.size(), newest, lastPosition);
    }

    /**
     * Asks the running engine for a blocking snapshot of some tables (qualified names), or of every captured table:
     * streaming pauses, the tables are read again as SNAPSHOT records, then streaming resumes where it was.
     */
    void snapshot(List<String> tables) {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (current == null || !running) {
            throw new ConnectorException("connector " + definition.id() + " is not running");
        }
        List<String> which = tables.isEmpty() ? definition.source(DebeziumSource.class).tables() : tables;
        String collections = which.stream().map(t -> "\"" + t.replace("\"", "") + "\"").collect(Collectors.joining(","));
        progress.snapshotRequested(which);
        current.getSignaler().signal(new DebeziumEngine.Signal(UUID.randomUUID().toString(), "execute-snapshot",
                "{\"data-collections\":[" + collections + "],\"type\":\"blocking\"}", null));
        log.info("Connector {}: snapshot of {} requested", definition.id(), which);
    }

    /**
     * Stops the engine; events already handled are committed, nothing else. Also when the engine has already stopped
     * on a failure and waits to start again: then it just does not start again.
     */
    @Override
    public synchronized void close() {
        running = false;
        restarts.shutdownNow();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            log.warn("Connector {}: the engine did not close cleanly: {}", definition.id(), e.getMessage());
        } catch (IllegalStateException e) {
            // It stopped meanwhile on its own (a failure): nothing is left to close.
            log.debug("Connector {}: the engine had already stopped: {}", definition.id(), e.getMessage());
        } finally {
            runner.shutdown();
        }
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.phase(CaptureProgress.Phase.STOPPED);
    }
}
