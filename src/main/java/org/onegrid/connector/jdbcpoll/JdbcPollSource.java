package org.onegrid.connector.jdbcpoll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;

/**
 * The {@code source:} block of a jdbc-poll connector (docs/connectors.md has every key). The password stays a
 * reference until a connection is opened.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db.example:5432/civil_affairs}
 * @param user the database user OneGrid reads as
 * @param password a reference to its password
 * @param table the table or view read, optionally with its schema
 * @param cursor how new and changed rows are found
 * @param cursorColumn the updated-at column, or the increasing key column
 * @param tieBreaker the columns that order rows with the same cursor value; empty: the connector's key columns
 * @param batchSize the most rows read, and written to Kafka, as one unit
 * @param pollInterval the pause between the end of one poll and the next
 * @param queryTimeout how long one query may run
 * @param softDeleteColumn the column that marks a deleted row, or null: deletes are not seen
 * @param softDeleteValues the values of that column that mean deleted (compared ignoring case)
 * @param createdColumn the column holding when a row was created, or null
 * @param timeZone how date-times without a zone are read as instants (the records' source time)
 * @param stateDir where the cursor file is; null: {@code var/connectors/<connector>}
 */
public record JdbcPollSource(
        String url,
        String user,
        SecretRef password,
        String table,
        CursorMode cursor,
        String cursorColumn,
        List<String> tieBreaker,
        int batchSize,
        Duration pollInterval,
        Duration queryTimeout,
        String softDeleteColumn,
        List<String> softDeleteValues,
        String createdColumn,
        ZoneId timeZone,
        Path stateDir) implements SourceSettings {

    public JdbcPollSource {
        tieBreaker = List.copyOf(tieBreaker);
        softDeleteValues = List.copyOf(softDeleteValues);
    }

    /** How a jdbc-poll connector finds what is new or changed. */
    public enum CursorMode {
        /** Rows whose updated-at column is after the last one read (or equal, with a greater tie-breaker). */
        UPDATED_AT("updated-at"),
        /** Rows whose key is greater than the last one read: new rows only. */
        INCREASING_KEY("increasing-key");

        private final String text;

        CursorMode(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The folder of the connector's cursor file. */
    public Path stateDir(String connector) {
        return stateDir != null ? stateDir : Path.of("var", "connectors", connector);
    }

    /**
     * The order rows are read in: the cursor column, then the tie-breaker (the key columns when none is given),
     * without the cursor column a second time.
     */
    public List<String> order(List<String> key) {
        List<String> order = new java.util.ArrayList<>(List.of(cursorColumn));
        for (String column : tieBreaker.isEmpty() ? key : tieBreaker) {
            if (order.stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
                order.add(column);
            }
        }
        return List.copyOf(order);
    }
}
