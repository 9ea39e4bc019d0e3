package org.onegrid.connector.jdbcpoll;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorType;
import org.onegrid.connector.CursorFile;
import org.onegrid.connector.DefinitionBlock;
import org.onegrid.connector.DefinitionKey;
import org.onegrid.connector.DefinitionProblems;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;
import org.onegrid.connector.jdbcpoll.JdbcPollSource.CursorMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code jdbc-poll} type: its source keys and their checks, the start-up check that the database answers and the
 * table has the configured columns (of a type the cursor can use), its route's parameters and the notes its status
 * shows (deletes not seen without a soft-delete column). Resolves the password only to connect; never prints it.
 */
@Component
public final class JdbcPollType implements ConnectorType {

    public static final String NAME = "jdbc-poll";
    /** The values of {@code soft-delete-column} that mean deleted when {@code soft-delete-values} is not given. */
    static final List<String> SOFT_DELETE_VALUES = List.of("1", "true", "t", "y", "yes", "是");
    private static final Logger log = LoggerFactory.getLogger(JdbcPollType.class);
    private static final int CHECK_TIMEOUT_SECONDS = 10;

    static final List<DefinitionKey> KEYS = List.of(
            DefinitionKey.required("url", "the JDBC URL of the database, e.g. jdbc:postgresql://db.example:5432/civil_affairs; its driver must "
                    + "be on the class path (PostgreSQL and MariaDB/MySQL are bundled)"),
            DefinitionKey.required("user", "the database user OneGrid reads as; it needs SELECT on the table, nothing else"),
            DefinitionKey.required("password", "a secret reference to the user's password: ${env:NAME} or ${file:/path}"),
            DefinitionKey.required("table", "the table or view read, optionally with its schema (ca_resident, civil.ca_resident)"),
            DefinitionKey.optional("cursor", "updated-at", "how new and changed rows are found: updated-at (a column set to the time of "
                    + "every insert and update) or increasing-key (a key that only grows; new rows only)"),
            DefinitionKey.required("cursor-column", "the updated-at column, or the increasing key column"),
            DefinitionKey.optional("tie-breaker", "the key columns", "the columns that order rows with the same cursor value, so none is "
                    + "skipped when a batch ends among them; together with the cursor column they must be unique and never empty"),
            DefinitionKey.optional("batch-size", "1000", "the most rows read and written to Kafka as one unit, 1 to 100000"),
            DefinitionKey.optional("poll-interval", "30s", "the pause between the end of one poll and the next"),
            DefinitionKey.optional("query-timeout", "60s", "how long one query may run"),
            DefinitionKey.optional("soft-delete-column", null, "the column that marks a deleted row (operation DELETE); absent: rows "
                    + "deleted from the table are not seen"),
            DefinitionKey.optional("soft-delete-values", String.join(", ", SOFT_DELETE_VALUES), "the values of soft-delete-column that mean "
                    + "deleted, compared ignoring case"),
            DefinitionKey.optional("created-column", null, "the column holding when a row was created; with cursor: updated-at a row whose "
                    + "created and updated values are equal is a CREATE, others an UPDATE"),
            DefinitionKey.optional("time-zone", "Asia/Shanghai", "the zone date-times without a zone are in, for the records' source time"),
            DefinitionKey.optional("state-dir", "var/connectors/<id>", "where the cursor file cursor.json is kept; deleting it makes the "
                    + "connector read the whole table again"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DefinitionKey> sourceKeys() {
        return KEYS;
    }

    @Override
    public SourceSettings bindSource(DefinitionBlock block) {
        String url = block.text("url");
        if (url != null && !url.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            block.problem("url", "is not a JDBC URL (it must start with jdbc:).", "write e.g. url: jdbc:postgresql://db.example:5432/civil_affairs.");
            url = null;
        } else if (url != null && url.toLowerCase(Locale.ROOT).matches(".*(password|passwd|pwd)\\s*=.*")) {
            block.problem("url", "holds a password.", "remove it from the URL and give it as source.password, a secret reference; "
                    + "remove it from the file and its history too.");
            url = null;
        }
        String user = block.optionalText("user").map(String::strip).orElse(null);
        SecretRef password = block.secret("password");
        String table = block.text("table");
        if (table != null && !qualified(table.strip())) {
            block.problem("table", "is not a table name (letters, digits, _, $ or #, optionally schema.table).", "write e.g. table: ca_resident.");
            table = null;
        }
        CursorMode cursor = null;
        String cursorText = block.text("cursor").strip().toLowerCase(Locale.ROOT);
        for (CursorMode mode : CursorMode.values()) {
            if (mode.text().equals(cursorText)) {
                cursor = mode;
            }
        }
        if (cursor == null) {
            block.problem("cursor", "unknown cursor " + cursorText + ".", "use updated-at or increasing-key.");
        }
        String cursorColumn = column(block, "cursor-column");
        List<String> tieBreaker = new ArrayList<>();
        for (String column : block.textList("tie-breaker")) {
            if (PollQuery.IDENTIFIER.matcher(column.strip()).matches()) {
                tieBreaker.add(column.strip());
            } else {
                block.problem("tie-breaker", "the column name " + column + " is not a plain column name.", "write e.g. tie-breaker: [id].");
            }
        }
        int batchSize = block.integer("batch-size", 1, 100_000, 1000);
        Duration pollInterval = block.duration("poll-interval", Duration.ofMillis(100));
        Duration queryTimeout = block.duration("query-timeout", Duration.ofSeconds(1));
        String softDeleteColumn = column(block, "soft-delete-column");
        List<String> softDeleteValues = block.textList("soft-delete-values");
        if (!softDeleteValues.isEmpty() && softDeleteColumn == null) {
            block.problem("soft-delete-values", "is set but soft-delete-column is not, so it is never used.",
                    "add soft-delete-column: <column>, or remove soft-delete-values.");
        }
        String createdColumn = column(block, "created-column");
        ZoneId zone = null;
        try {
            zone = ZoneId.of(block.text("time-zone").strip());
        } catch (DateTimeException e) {
            block.problem("time-zone", "unknown time zone " + block.text("time-zone") + ".", "write e.g. time-zone: Asia/Shanghai.");
        }
        Path stateDir = null;
        String stateText = block.text("state-dir");
        if (stateText != null && !stateText.contains("<id>")) {
            try {
                stateDir = Path.of(stateText);
            } catch (InvalidPathException e) {
                block.problem("state-dir", "is not a folder path this system accepts.", "write a path such as var/connectors/civil-affairs.");
            }
        }
        if (url == null || user == null || password == null || table == null || cursor == null || cursorColumn == null
                || pollInterval == null || queryTimeout == null || zone == null) {
            return null;
        }
        return new JdbcPollSource(url.strip(), user, password, table.strip(), cursor, cursorColumn, tieBreaker, batchSize, pollInterval,
                queryTimeout, softDeleteColumn, softDeleteValues.isEmpty() ? SOFT_DELETE_VALUES : softDeleteValues, createdColumn, zone, stateDir);
    }

    private static boolean qualified(String table) {
        String[] parts = table.split("\\.", -1);
        return parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> PollQuery.IDENTIFIER.matcher(p).matches());
    }

    private static String column(DefinitionBlock block, String key) {
        String text = block.text(key);
        if (text == null) {
            return null;
        }
        if (!PollQuery.IDENTIFIER.matcher(text.strip()).matches()) {
            block.problem(key, "is not a plain column name (letters, digits, _, $ or #).", "write e.g. " + key + ": updated_at.");
            return null;
        }
        return text.strip();
    }

    /**
     * The driver is there, the database answers as the user, the table can be read and has every configured column,
     * the cursor column is a date or time for updated-at, and a stored cursor is of this configuration. Logs how many
     * rows the polling will never read (an empty cursor or tie-breaker column).
     */
    @Override
    public List<ConfigProblem> checkConnectivity(ConnectorDefinition definition) {
        JdbcPollSource source = definition.source(JdbcPollSource.class);
        String file = definition.file();
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> order = source.order(definition.key());
        for (String column : order) {
            if (!PollQuery.IDENTIFIER.matcher(column).matches()) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, source.tieBreaker().isEmpty() ? "key" : "source.tie-breaker"),
                        "the column " + column + " orders the rows read, so it must be a plain column name.",
                        "name plain columns, or give source.tie-breaker: [<unique column>, ...]."));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            CursorFile cursorFile = CursorFile.in(source.stateDir(definition.id()));
            cursorFile.read().ifPresent(node -> JdbcCursor.fromJson(node, source, order, cursorFile.path().toString()));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.state-dir"), e.getMessage() + ".", null));
            return problems;
        }
        try {
            DriverManager.getDriver(source.url());
        } catch (SQLException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.url"), "no JDBC driver on the class path accepts the URL "
                    + source.url() + ".", "OneGrid bundles the PostgreSQL driver (also for Kingbase in its PostgreSQL mode) and the MariaDB/MySQL "
                    + "driver; for Oracle, DM or Kingbase's own driver put the vendor's JDBC jar on the class path (docs/connectors.md)."));
            return problems;
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", source.user());
        try {
            credentials.setProperty("password", source.password().resolve());
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.password"), e.getMessage() + ".",
                    "set the secret the reference " + source.password() + " points at."));
            return problems;
        }
        try (Connection connection = DriverManager.getConnection(source.url(), credentials)) {
            checkTable(connection, definition, source, order, problems);
        } catch (SQLException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source"), "the database at " + source.url() + " does not answer as user "
                    + source.user() + " (" + JdbcPoller.reason(e) + ").", "check url, user and the password " + source.password()
                    + ", and that the server accepts connections from this host."));
        }
        return problems;
    }

    private void checkTable(Connection connection, ConnectorDefinition definition, JdbcPollSource source, List<String> order,
                            List<ConfigProblem> problems) throws SQLException {
        String file = definition.file();
        Map<String, Integer> types = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + source.table() + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    labels.add(meta.getColumnLabel(i));
                    types.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
                }
            }
        } catch (SQLException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.table"), "the table " + source.table() + " cannot be read as user "
                    + source.user() + " (" + JdbcPoller.reason(e) + ").", "correct the name, or grant SELECT on it to " + source.user() + "."));
            return;
        }
        String has = " (it has: " + String.join(", ", labels) + ")";
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("source.cursor-column", source.cursorColumn());
        if (source.softDeleteColumn() != null) {
            columns.put("source.soft-delete-column", source.softDeleteColumn());
        }
        if (source.createdColumn() != null) {
            columns.put("source.created-column", source.createdColumn());
        }
        columns.forEach((key, column) -> {
            if (!types.containsKey(column.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, key), source.table() + " has no column " + column + has + ".",
                        "name one of its columns."));
            }
        });
        for (String column : source.tieBreaker()) {
            if (!types.containsKey(column.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.tie-breaker"), source.table() + " has no column " + column + has + ".",
                        "name one of its columns."));
            }
        }
        for (String column : definition.key()) {
            if (!types.containsKey(column.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "key"), source.table() + " has no column " + column + has + ".",
                        "name the columns that identify a row, e.g. key: [id]."));
            }
        }
        Integer cursorType = types.get(source.cursorColumn().toLowerCase(Locale.ROOT));
        if (source.cursor() == CursorMode.UPDATED_AT && cursorType != null && !SqlValue.temporal(cursorType)) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.cursor-column"), "the column " + source.cursorColumn()
                    + " is not a date or time, so it cannot be an updated-at cursor.", "name the column the department's application sets "
                    + "at every insert and update, or use cursor: increasing-key for a number that only grows."));
        }
        if (problems.isEmpty()) {
            countUnreadable(connection, definition, source, order);
        }
    }

    /** Rows with an empty cursor or tie-breaker column are never read: says how many there are now. */
    private static void countUnreadable(Connection connection, ConnectorDefinition definition, JdbcPollSource source, List<String> order) {
        String sql = "SELECT COUNT(*) FROM " + source.table() + " WHERE " + String.join(" OR ", order.stream().map(c -> c + " IS NULL").toList());
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery(sql)) {
                long count = rows.next() ? rows.getLong(1) : 0;
                if (count > 0) {
                    log.warn("Connector {}: {} rows of {} have no value in {}; polling never reads them. Ask the department to fill them "
                            + "(e.g. updated_at = created time), or choose other columns.", definition.id(), count, source.table(), order);
                }
            }
        } catch (SQLException e) {
            log.info("Connector {}: rows without a cursor value in {} could not be counted ({})", definition.id(), source.table(), e.getSQLState());
        }
    }

    @Override
    public Map<String, Object> routeParameters(ConnectorDefinition definition) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("connector", definition.id());
        parameters.put("interval", definition.source(JdbcPollSource.class).pollInterval().toMillis());
        return parameters;
    }

    @Override
    public List<String> notes(ConnectorDefinition definition) {
        JdbcPollSource source = definition.source(JdbcPollSource.class);
        List<String> order = source.order(definition.key());
        List<String> notes = new ArrayList<>();
        notes.add("cursor: " + source.cursor().text() + " on " + String.join(", ", order) + ", kept in "
                + CursorFile.in(source.stateDir(definition.id())).path() + "; it moves past a batch only after Kafka acknowledged its records.");
        if (source.softDeleteColumn() == null) {
            notes.add("deletes are not seen: source.soft-delete-column is not set, and polling cannot notice a row deleted from "
                    + source.table() + " (a hard delete), so its last version stays downstream. Set soft-delete-column if the table marks "
                    + "deleted rows, or use a debezium type where the database allows change data capture.");
        }
        if (source.cursor() == CursorMode.INCREASING_KEY) {
            notes.add("updates are not seen: cursor: increasing-key reads each row once, when it is new.");
        }
        notes.add("rows whose " + String.join(" or ", order) + " is empty are never read.");
        return notes;
    }
}
