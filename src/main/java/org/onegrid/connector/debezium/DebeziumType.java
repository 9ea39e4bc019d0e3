package org.onegrid.connector.debezium;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorType;
import org.onegrid.connector.DefinitionBlock;
import org.onegrid.connector.DefinitionKey;
import org.onegrid.connector.DefinitionProblems;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;

/**
 * One change-data-capture connector type ({@code debezium-postgres}, {@code debezium-mariadb}, {@code debezium-mysql}):
 * its source keys and their checks, the connectivity check (credentials, logical decoding or a row binlog) and its
 * route's parameters. Never prints the password; connects only in {@link #checkConnectivity}.
 */
public final class DebeziumType implements ConnectorType {

    static final List<String> SNAPSHOT_MODES = List.of("initial", "no_data", "when_needed", "initial_only");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");

    private final Flavor flavor;

    DebeziumType(Flavor flavor) {
        this.flavor = flavor;
    }

    /** The three types, {@code debezium-postgres}, {@code debezium-mariadb} and {@code debezium-mysql} (for the docs check). */
    public static List<DebeziumType> all() {
        return java.util.Arrays.stream(Flavor.values()).map(DebeziumType::new).toList();
    }

    Flavor flavor() {
        return flavor;
    }

    @Override
    public String name() {
        return flavor.typeName();
    }

    @Override
    public boolean keyRequired() {
        return false;
    }

    @Override
    public List<DefinitionKey> sourceKeys() {
        List<DefinitionKey> keys = new ArrayList<>(List.of(
                DefinitionKey.required("host", "the database server's host name or address"),
                DefinitionKey.optional("port", String.valueOf(flavor.defaultPort()), "the database server's port"),
                DefinitionKey.required("database", flavor.binlog() ? "the database (schema) whose tables are captured"
                        : "the database whose tables are captured"),
                DefinitionKey.required("user", "the user OneGrid connects as; it needs " + (flavor.binlog()
                        ? "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and REPLICATION CLIENT"
                        : "LOGIN, REPLICATION and SELECT on the tables (and CREATE on the database for the publication)")),
                DefinitionKey.required("password", "a secret reference to the user's password: ${env:NAME} or ${file:/path}"),
                DefinitionKey.required("tables", "the captured tables (include list), e.g. [" + (flavor.binlog() ? "rk_jbxx" : "public.ca_resident")
                        + "]; a name without a schema is in " + (flavor.binlog() ? "the database" : "public")),
                DefinitionKey.optional("snapshot", "initial", "Debezium's snapshot mode: initial (snapshot once, then stream), no_data (stream only), "
                        + "when_needed (snapshot again when the offsets are gone or too old), initial_only (snapshot, no streaming)"),
                DefinitionKey.optional("heartbeat-interval", "10s", "how often a heartbeat commits the source position while the captured tables are idle, "
                        + "so the server can free its log; 0s turns heartbeats off"),
                DefinitionKey.optional("poll-interval", "50ms", "the longest the engine holds a batch open for more changes before "
                        + "writing it to Kafka (a full batch goes at once); it adds up to this much to change latency"),
                DefinitionKey.optional("batch-size", "2048", "the most changes written to Kafka (and committed) as one unit"),
                DefinitionKey.optional("state-dir", "var/connectors/<id>", "where the offsets (offsets.dat) " + (flavor.binlog() ? "and the schema history (schema-history.dat) are" : "are")
                        + " kept; deleting it makes the connector snapshot again")));
        if (flavor.binlog()) {
            keys.add(DefinitionKey.optional("server-id", "a number derived from the connector id", "the binlog client's server id, "
                    + "unique among all replicas and binlog readers of the server (1 to 4294967295)"));
        } else {
            keys.add(DefinitionKey.optional("slot", "onegrid_<id>", "the logical replication slot (pgoutput) OneGrid creates and reads; "
                    + "lower-case letters, digits and _"));
            keys.add(DefinitionKey.optional("publication", "onegrid_<id>", "the publication of the captured tables; created for them when missing"));
        }
        return List.copyOf(keys);
    }

    @Override
    public SourceSettings bindSource(DefinitionBlock block) {
        String host = block.text("host");
        int port = number(block, "port", 1, 65_535, flavor.defaultPort());
        String database = block.text("database");
        String user = block.text("user");
        String passwordText = block.text("password");
        SecretRef password = passwordText == null ? null : SecretRef.parse(passwordText).orElse(null);
        if (passwordText != null && !SecretRef.looksLikeReference(passwordText)) {
            // the catalog already reports a password written in the file
            password = null;
        }
        List<String> tables = new ArrayList<>();
        for (String table : block.textList("tables")) {
            String[] parts = table.strip().split("\\.");
            boolean valid = parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> NAME.matcher(p).matches());
            if (!valid) {
                block.problem("tables", "the table name " + table + " is not a plain or schema-qualified table name.",
                        "write tables: [" + (flavor.binlog() ? "rk_jbxx" : "public.ca_resident") + "] (letters, digits and _).");
            } else if (parts.length == 1) {
                tables.add((flavor.binlog() ? (database == null ? "" : database) : "public") + "." + parts[0]);
            } else {
                if (flavor.binlog() && database != null && !parts[0].equals(database)) {
                    block.problem("tables", "the table " + table + " is not in the database " + database + ".",
                            "capture tables of one database per connector; write a connector file per database.");
                }
                tables.add(table.strip());
            }
        }
        if (tables.isEmpty() && !block.node("tables").isMissingNode()) {
            block.problem("tables", "names no table.", "list the captured tables, e.g. tables: [ca_resident].");
        }
        String snapshot = block.text("snapshot").strip().toLowerCase(Locale.ROOT);
        if (!SNAPSHOT_MODES.contains(snapshot)) {
            block.problem("snapshot", "unknown snapshot mode " + snapshot + ".", "use one of " + String.join(", ", SNAPSHOT_MODES) + ".");
        }
        Duration heartbeat = duration(block, "heartbeat-interval");
        Duration poll = duration(block, "poll-interval");
        if (poll != null && poll.isZero()) {
            block.problem("poll-interval", "must be more than zero.", "write e.g. poll-interval: 50ms.");
        }
        int batchSize = number(block, "batch-size", 1, 100_000, 2048);
        Path stateDir = null;
        String stateText = block.text("state-dir");
        if (stateText != null && !stateText.contains("<id>")) {
            try {
                stateDir = Path.of(stateText);
            } catch (InvalidPathException e) {
                block.problem("state-dir", "is not a folder path this system accepts.", "write a path such as var/connectors/civil-affairs.");
            }
        }
        String slot = null;
        String publication = null;
        long serverId = 0;
        if (flavor.binlog()) {
            String serverIdText = block.text("server-id");
            if (serverIdText != null && !serverIdText.startsWith("a number")) {
                try {
                    serverId = Long.parseLong(serverIdText.strip());
                    if (serverId < 1 || serverId > 4_294_967_295L) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    block.problem("server-id", "must be a whole number from 1 to 4294967295.", "write e.g. server-id: 184001.");
                    serverId = 0;
                }
            }
        } else {
            slot = optionalName(block, "slot");
            publication = optionalName(block, "publication");
        }
        if (!flavor.available()) {
            block.problem("", name() + " is not available in this build: Debezium's connector " + flavor.connectorClass()
                    + " is not on the class path.", "set enabled: false, or use a build that includes debezium-connector-"
                    + flavor.name().toLowerCase(Locale.ROOT) + ".");
        }
        if (host == null || database == null || user == null || password == null || tables.isEmpty() || heartbeat == null || poll == null) {
            return null;
        }
        return new DebeziumSource(host.strip(), port, database.strip(), user.strip(), password, tables, snapshot, heartbeat, slot, publication,
                serverId, stateDir, poll, batchSize);
    }

    private static String optionalName(DefinitionBlock block, String key) {
        String text = block.text(key);
        if (text == null || text.contains("<id>")) {
            return null;
        }
        if (!SLOT.matcher(text).matches()) {
            block.problem(key, "must be 1 to 63 lower-case letters, digits or _.", "write e.g. " + key + ": onegrid_civil_affairs.");
            return null;
        }
        return text;
    }

    private static int number(DefinitionBlock block, String key, int min, int max, int fallback) {
        String text = block.text(key);
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            block.problem(key, "must be a whole number from " + min + " to " + max + ".", "write e.g. " + key + ": " + fallback + ".");
            return fallback;
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        var m = Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
            throw new DateTimeParseException("negative", text, 0);
        }
        return d;
    }

    private static Duration duration(DefinitionBlock block, String key) {
        String text = block.text(key);
        try {
            return parseDuration(text);
        } catch (DateTimeParseException | NullPointerException e) {
            block.problem(key, "is not a duration.", "write e.g. " + key + ": 10s (ms, s, m or h).");
            return null;
        }
    }

    /**
     * The database answers with the given credentials, the captured tables exist, and the server can stream changes:
     * PostgreSQL with {@code wal_level=logical}, MariaDB/MySQL with the binlog on in ROW format and full row images.
     */
    @Override
    public List<ConfigProblem> checkConnectivity(ConnectorDefinition definition) {
        DebeziumSource source = definition.source(DebeziumSource.class);
        List<ConfigProblem> problems = new ArrayList<>();
        String file = definition.file();
        Properties credentials = new Properties();
        credentials.setProperty("user", source.user());
        try {
            credentials.setProperty("password", source.password().resolve());
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.password"), e.getMessage() + ".",
                    "set the secret the reference " + source.password() + " points at."));
            return problems;
        }
        // Both drivers call it connectTimeout: MariaDB/MySQL in milliseconds, PostgreSQL in seconds.
        credentials.setProperty("connectTimeout", flavor.binlog() ? "10000" : "10");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(source), credentials)) {
            if (flavor.binlog()) {
                checkBinlog(connection, file, problems);
            } else {
                checkLogicalDecoding(connection, file, problems);
            }
            checkTables(connection, source, file, problems);
        } catch (SQLException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source"),
                    "the database " + source.database() + " at " + source.host() + ":" + source.port() + " does not answer as user "
                            + source.user() + " (" + sqlReason(e) + ").",
                    "check host, port, database, user and the password " + source.password() + ", and that the server accepts connections from this host."));
        }
        return problems;
    }

    static String jdbcUrlFor(Flavor flavor, String host, int port, String database) {
        return (flavor.binlog() ? "jdbc:mariadb://" : "jdbc:postgresql://") + host + ":" + port + "/" + database;
    }

    private String jdbcUrl(DebeziumSource source) {
        return jdbcUrlFor(flavor, source.host(), source.port(), source.database());
    }

    private static String sqlReason(SQLException e) {
        String state = e.getSQLState() == null ? "" : "SQL state " + e.getSQLState() + ": ";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return state + message;
    }

    private static void checkLogicalDecoding(Connection connection, String file, List<ConfigProblem> problems) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW wal_level")) {
            String level = rs.next() ? rs.getString(1) : "unknown";
            if (!"logical".equals(level)) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.host"),
                        "the PostgreSQL server has wal_level=" + level + ", so it cannot stream changes (logical decoding is off).",
                        "set wal_level = logical (and max_replication_slots, max_wal_senders >= 1) in postgresql.conf and restart PostgreSQL."));
            }
        }
    }

    private static void checkBinlog(Connection connection, String file, List<ConfigProblem> problems) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@GLOBAL.log_bin, @@GLOBAL.binlog_format, @@GLOBAL.binlog_row_image")) {
            rs.next();
            String logBin = rs.getString(1);
            String format = rs.getString(2);
            String image = rs.getString(3);
            if (!("1".equals(logBin) || "ON".equalsIgnoreCase(logBin))) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.host"),
                        "the server does not write a binlog (log_bin is off), so it cannot stream changes.",
                        "start the server with log-bin, binlog_format=ROW, binlog_row_image=FULL and a server-id."));
            } else if (!"ROW".equalsIgnoreCase(format) || !"FULL".equalsIgnoreCase(image)) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.host"),
                        "the server's binlog is binlog_format=" + format + ", binlog_row_image=" + image + "; change capture needs ROW and FULL.",
                        "set binlog_format=ROW and binlog_row_image=FULL on the server (SET GLOBAL, and in its configuration file)."));
            }
        }
    }

    private void checkTables(Connection connection, DebeziumSource source, String file, List<ConfigProblem> problems) throws SQLException {
        for (String table : source.tables()) {
            String[] parts = table.split("\\.");
            String schema = parts[0];
            String name = parts[1];
            var meta = connection.getMetaData();
            boolean found;
            try (ResultSet rs = flavor.binlog() ? meta.getTables(schema, null, name, null) : meta.getTables(null, schema, name, null)) {
                found = rs.next();
            }
            if (!found) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.tables"),
                        "the table " + table + " does not exist in " + source.database() + " (or the user " + source.user() + " cannot see it).",
                        "correct the name, or grant SELECT on it to " + source.user() + "."));
            }
        }
    }

    @Override
    public Map<String, Object> routeParameters(ConnectorDefinition definition) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("connector", definition.id());
        return parameters;
    }
}
