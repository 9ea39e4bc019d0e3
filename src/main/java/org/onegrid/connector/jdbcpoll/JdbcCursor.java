package org.onegrid.connector.jdbcpoll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.connector.ConnectorException;

/**
 * Where a jdbc-poll connector is, as stored in its cursor file: the cursor and tie-breaker values of the last row
 * written (a time and the row's key, never other column values) and whether the first full read is done.
 *
 * @param mode the cursor mode it was written for ({@code updated-at}, {@code increasing-key})
 * @param columns the cursor column and the tie-breaker, in order, as configured when it was written
 * @param last their values in the last row written; empty before the first row
 * @param snapshotDone true once a batch came back short: the first full read is over
 */
record JdbcCursor(String mode, List<String> columns, List<SqlValue> last, boolean snapshotDone) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JdbcCursor {
        columns = List.copyOf(columns);
        last = List.copyOf(last);
    }

    static JdbcCursor start(JdbcPollSource source, List<String> order) {
        return new JdbcCursor(source.cursor().text(), order, List.of(), false);
    }

    boolean atStart() {
        return last.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "jdbc-poll");
        node.put("cursor", mode);
        node.put("snapshotDone", snapshotDone);
        ArrayNode order = node.putArray("columns");
        columns.forEach(order::add);
        ArrayNode values = node.putArray("last");
        for (SqlValue value : last) {
            values.addObject().put("type", value.type()).put("value", value.text());
        }
        return node;
    }

    /** Reads a stored cursor; one written for another cursor mode or other columns cannot be used. */
    static JdbcCursor fromJson(ObjectNode node, JdbcPollSource source, List<String> order, String file) {
        List<String> columns = new ArrayList<>();
        node.path("columns").forEach(c -> columns.add(c.asText()));
        if (!"jdbc-poll".equals(node.path("type").asText()) || !source.cursor().text().equals(node.path("cursor").asText())
                || !columns.stream().map(String::toLowerCase).toList().equals(order.stream().map(String::toLowerCase).toList())) {
            throw ConnectorException.permanent("the cursor file " + file + " was written for " + node.path("type").asText() + " with cursor "
                    + node.path("cursor").asText() + " on " + columns + ", not jdbc-poll with cursor " + source.cursor().text() + " on "
                    + order + ". Fix: move the file away to read the table again from the start, or set the cursor back, then "
                    + "restart the service");
        }
        List<SqlValue> last = new ArrayList<>();
        for (JsonNode value : node.path("last")) {
            last.add(new SqlValue(value.path("type").asText(), value.path("value").asText()));
        }
        return new JdbcCursor(source.cursor().text(), columns, last, node.path("snapshotDone").asBoolean(false));
    }
}
