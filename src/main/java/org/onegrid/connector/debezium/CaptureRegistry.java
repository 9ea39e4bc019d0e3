package org.onegrid.connector.debezium;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;

/** The running change captures and the progress of every change-data-capture connector, by connector id. */
final class CaptureRegistry {

    private final Map<String, CaptureProgress> progress = new ConcurrentSkipListMap<>();
    private final Map<String, ChangeCapture> running = new ConcurrentHashMap<>();

    CaptureProgress progress(ConnectorDefinition definition) {
        return progress.computeIfAbsent(definition.id(), id -> new CaptureProgress(id, definition.type()));
    }

    void running(String connector, ChangeCapture capture) {
        running.put(connector, capture);
    }

    void stopped(String connector, ChangeCapture capture) {
        running.remove(connector, capture);
    }

    Optional<CaptureProgress> progress(String connector) {
        return Optional.ofNullable(progress.get(connector));
    }

    Map<String, CaptureProgress> all() {
        return progress;
    }

    /** Asks a running connector for a snapshot of the given tables, or all of its tables when none is given. */
    List<String> snapshot(String connector, List<String> tables) {
        ChangeCapture capture = running.get(connector);
        if (capture == null) {
            throw new ConnectorException("connector " + connector + " is not running change capture");
        }
        capture.snapshot(tables);
        return tables;
    }
}
