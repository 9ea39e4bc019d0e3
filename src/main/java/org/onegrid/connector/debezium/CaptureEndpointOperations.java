package org.onegrid.connector.debezium;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/cdc}: the progress of every change-data-capture connector (phase, snapshot rows per table,
 * records in, last source time and position); {@code POST /actuator/cdc/<id>} with {@code {"table": "public.t"}} or
 * an empty body asks a running connector to snapshot that table, or all its tables, again (a blocking snapshot through
 * Debezium's in-process signal channel: no file to delete, no table to create in the department's database).
 */
@Endpoint(id = "cdc")
public final class CaptureEndpointOperations {

    private final CaptureRegistry registry;
    private final ConnectorCatalog catalog;

    CaptureEndpointOperations(CaptureRegistry registry, ConnectorCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    @ReadOperation
    public Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        registry.all().forEach((id, progress) -> all.put(id, progress.view()));
        return all;
    }

    @ReadOperation
    public Map<String, Object> connector(@Selector String id) {
        return registry.progress(id).map(CaptureProgress::view).orElse(null);
    }

    /** Re-snapshot of one table ({@code table}, qualified or not) or of every captured table. */
    @WriteOperation
    public Map<String, Object> resnapshot(@Selector String id, @Nullable String table) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connector", id);
        ConnectorDefinition definition = catalog.definition(id).orElse(null);
        if (definition == null || !(definition.source() instanceof DebeziumSource source)) {
            answer.put("error", "no change-data-capture connector " + id);
            return answer;
        }
        List<String> tables = new ArrayList<>();
        if (table != null && !table.isBlank()) {
            String wanted = table.strip();
            String match = source.tables().stream()
                    .filter(t -> t.equals(wanted) || t.endsWith("." + wanted)).findFirst().orElse(null);
            if (match == null) {
                answer.put("error", "connector " + id + " does not capture " + wanted + "; it captures " + source.tables());
                return answer;
            }
            tables.add(match);
        }
        try {
            registry.snapshot(id, tables);
            answer.put("snapshot", tables.isEmpty() ? source.tables() : tables);
            answer.put("requested", true);
        } catch (RuntimeException e) {
            answer.put("error", e.getMessage());
        }
        return answer;
    }
}
