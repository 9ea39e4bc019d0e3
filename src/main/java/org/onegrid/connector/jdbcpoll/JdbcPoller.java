package org.onegrid.connector.jdbcpoll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.CursorFile;
import org.onegrid.connector.IngestBatch;
import org.onegrid.connector.RejectReason;
import org.onegrid.schema.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One jdbc-poll connector's reading of its table: runs the query for the batch after its cursor, turns the rows into
 * an {@link IngestBatch} and the cursor that follows the last row, and stores that cursor when told the batch was
 * acknowledged. Keeps one read-only connection, opened again after any failure. Used by one thread at a time (the
 * connector's route).
 */
final class JdbcPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One batch read.
     *
     * @param batch its records and rejects
     * @param next the cursor once the batch is acknowledged
     * @param more a full batch: another follows at once
     */
    record Step(IngestBatch batch, JdbcCursor next, boolean more) {}

    private final ConnectorDefinition definition;
    private final JdbcPollSource source;
    private final CursorFile file;
    private final List<String> order;
    private final PollQuery query;
    private Connection connection;
    private JdbcCursor cursor;
    private int batches;
    private long written;

    JdbcPoller(ConnectorDefinition definition) {
        this.definition = definition;
        this.source = definition.source(JdbcPollSource.class);
        this.file = CursorFile.in(source.stateDir(definition.id()));
        this.order = source.order(definition.key());
        this.query = new PollQuery(source, order);
    }

    JdbcCursor cursor() {
        if (cursor == null) {
            cursor = file.read().map(node -> JdbcCursor.fromJson(node, source, order, file.path().toString()))
                    .orElseGet(() -> JdbcCursor.start(source, order));
        }
        return cursor;
    }

    /** Reads the batch after the stored cursor. */
    Step next() {
        JdbcCursor at = cursor();
        batches++;
        String unit = "batch " + batches + " of " + source.table();
        try {
            PreparedStatement statement = connection().prepareStatement(query.sql(at.atStart()));
            try (statement) {
                statement.setQueryTimeout((int) Math.max(1, source.queryTimeout().toSeconds()));
                statement.setMaxRows(source.batchSize());
                statement.setFetchSize(Math.min(source.batchSize(), 1000));
                if (!at.atStart()) {
                    int[] parameters = PollQuery.parameters(at.last().size());
                    for (int i = 0; i < parameters.length; i++) {
                        at.last().get(parameters[i]).bind(statement, i + 1);
                    }
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return rows(at, rows, unit);
                }
            }
        } catch (SQLException e) {
            close();
            throw new ConnectorException("reading " + source.table() + " failed (" + reason(e) + "); the same batch is read again at the next poll", e);
        }
    }

    /** After Kafka acknowledged the step's batch: the cursor moves past its last row. */
    void commit(Step step) {
        file.write(step.next().toJson());
        cursor = step.next();
        written += step.batch().records().size();
        if (!step.more()) {
            if (written > 0) {
                log.info("Connector {}: a poll of {} ended: {} records in {} batches", definition.id(), source.table(), written, batches);
            }
            batches = 0;
            written = 0;
        }
    }

    private Step rows(JdbcCursor at, ResultSet rows, String unit) throws SQLException {
        Columns columns = new Columns(rows.getMetaData());
        List<Row> read = new ArrayList<>();
        Instant newest = null;
        List<SqlValue> last = at.last();
        while (rows.next()) {
            ObjectNode json = JSON.createObjectNode();
            for (int i = 1; i <= columns.count(); i++) {
                SqlValue.put(json, columns.name(i), rows, i, columns.type(i));
            }
            List<SqlValue> position = new ArrayList<>();
            for (int index : columns.order()) {
                position.add(SqlValue.read(rows, index, columns.type(index)));
            }
            last = position;
            Row row = new Row(json, position, key(json, columns), operation(at, json, columns, position));
            Instant time = time(position.get(0), json, columns);
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
            read.add(row);
        }
        IngestBatch.Builder batch = IngestBatch.builder(definition.id(), unit, newest);
        Map<String, String> meta = Map.of("table", source.table());
        for (Row row : read) {
            String where = String.join("|", row.position().stream().map(SqlValue::display).toList());
            byte[] payload = bytes(row.json());
            if (row.key() == null) {
                batch.reject(RejectReason.KEY_MISSING, "a row of " + source.table() + " has no value in the key column(s) "
                        + String.join(", ", definition.key()) + ".", null, where, "application/json", payload);
            } else {
                batch.change(row.operation(), row.key(), where, time(row.position().get(0), row.json(), columns),
                        new String(payload, StandardCharsets.UTF_8), meta);
            }
        }
        boolean more = read.size() == source.batchSize();
        JdbcCursor next = new JdbcCursor(at.mode(), at.columns(), last, at.snapshotDone() || !more);
        if (!at.snapshotDone() && next.snapshotDone()) {
            log.info("Connector {}: the first full read of {} ends with this batch", definition.id(), source.table());
        }
        return new Step(batch.build(), next, more);
    }

    private Operation operation(JdbcCursor at, ObjectNode json, Columns columns, List<SqlValue> position) {
        if (source.softDeleteColumn() != null) {
            var flag = json.get(columns.label(source.softDeleteColumn()));
            if (flag != null && !flag.isNull() && source.softDeleteValues().stream().anyMatch(v -> v.equalsIgnoreCase(flag.asText().strip()))) {
                return Operation.DELETE;
            }
        }
        if (!at.snapshotDone()) {
            return Operation.SNAPSHOT;
        }
        if (source.cursor() == JdbcPollSource.CursorMode.INCREASING_KEY) {
            return Operation.CREATE;
        }
        if (source.createdColumn() != null) {
            var created = json.get(columns.label(source.createdColumn()));
            var updated = json.get(columns.label(source.cursorColumn()));
            if (created != null && !created.isNull() && updated != null && created.asText().equals(updated.asText())) {
                return Operation.CREATE;
            }
        }
        return Operation.UPDATE;
    }

    /** The source time: the cursor value when it is a time, else the created column's value when it is one. */
    private Instant time(SqlValue cursorValue, ObjectNode json, Columns columns) {
        Instant time = cursorValue == null ? null : cursorValue.instant(source.timeZone());
        if (time == null && source.createdColumn() != null) {
            var created = json.get(columns.label(source.createdColumn()));
            if (created != null && created.isTextual()) {
                try {
                    time = java.time.LocalDateTime.parse(created.asText().replace(' ', 'T')).atZone(source.timeZone()).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    time = null;
                }
            }
        }
        return time;
    }

    private String key(ObjectNode json, Columns columns) {
        List<String> parts = new ArrayList<>(definition.key().size());
        for (String column : definition.key()) {
            var value = json.get(columns.label(column));
            if (value == null || value.isNull() || value.asText().isBlank()) {
                return null;
            }
            parts.add(value.asText().strip());
        }
        return String.join("|", parts);
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        Properties properties = new Properties();
        properties.setProperty("user", source.user());
        properties.setProperty("password", source.password().resolve());
        connection = DriverManager.getConnection(source.url(), properties);
        connection.setReadOnly(true);
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Connector {}: closing the connection failed: {}", definition.id(), e.getSQLState());
            }
            connection = null;
        }
    }

    static String reason(SQLException e) {
        String state = e.getSQLState() == null ? "" : "SQL state " + e.getSQLState() + ": ";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return state + message;
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of column values cannot fail to serialize", e);
        }
    }

    private record Row(ObjectNode json, List<SqlValue> position, String key, Operation operation) {}

    /** The result's columns: labels as the database reports them, found by configured name ignoring case. */
    private final class Columns {

        private final List<String> labels = new ArrayList<>();
        private final List<Integer> types = new ArrayList<>();
        private final Map<String, Integer> byName = new LinkedHashMap<>();
        private final int[] indexes;

        Columns(ResultSetMetaData meta) throws SQLException {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                labels.add(meta.getColumnLabel(i));
                types.add(meta.getColumnType(i));
                byName.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            indexes = order.stream().mapToInt(this::index).toArray();
            definition.key().forEach(this::index);
        }

        int count() {
            return labels.size();
        }

        String name(int index) {
            return labels.get(index - 1);
        }

        int type(int index) {
            return types.get(index - 1);
        }

        int[] order() {
            return indexes;
        }

        String label(String column) {
            return name(index(column));
        }

        private int index(String column) {
            Integer index = byName.get(column.toLowerCase(Locale.ROOT));
            if (index == null) {
                throw ConnectorException.permanent(source.table() + " has no column " + column + " (it has: " + String.join(", ", labels)
                        + "). Fix: correct the connector file, then restart the service");
            }
            return index;
        }
    }
}
