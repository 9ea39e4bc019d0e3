package org.onegrid.embedded.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.onegrid.embedded.population.Department;

/**
 * Civil affairs' register: a real PostgreSQL with logical decoding on, a user with the REPLICATION attribute and a
 * publication of the register, so it can be read by change data capture.
 * Its data directory is kept, so a restart finds the same rows and replication slots.
 */
final class CivilAffairsDatabase implements AutoCloseable {

    static final String DATABASE = "civil_affairs";
    static final String USER = "onegrid";
    /** The publication the DBA made for OneGrid's change capture (named in connectors/civil-affairs.yaml). */
    static final String PUBLICATION = "onegrid_civil_affairs";

    private final EmbeddedPostgres postgres;
    private final String password;
    private final int port;

    private CivilAffairsDatabase(EmbeddedPostgres postgres, String password, int port) {
        this.postgres = postgres;
        this.password = password;
        this.port = port;
    }

    static CivilAffairsDatabase start(SandboxSettings settings) throws IOException, SQLException {
        Path data = settings.dir().resolve("postgres");
        boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(settings.postgresPort())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The embedded server's default is off, which holds a commit back from logical decoding (and so from
                // change capture) until the WAL writer flushes it, up to 200 ms later; a department's server commits
                // synchronously.
                .setServerConfig("synchronous_commit", "on")
                .start();
        String password = Secrets.getOrCreate(settings.secret("civil-affairs.password"));
        CivilAffairsDatabase database = new CivilAffairsDatabase(postgres, password, settings.postgresPort());
        try {
            if (fresh || !database.exists()) {
                database.create();
            }
            database.publishForChangeCapture();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** A connection as the department's own application would have: the table owner. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, password);
    }

    private boolean exists() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            return rows.next();
        }
    }

    private void create() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // The password is made up here and kept in the sandbox's secret file; DDL takes no bind parameters.
            s.execute("CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(Department.CIVIL_AFFAIRS.ddl());
            s.execute("ALTER TABLE " + Department.CIVIL_AFFAIRS.table() + " REPLICA IDENTITY FULL");
        }
    }

    /**
     * What a department's DBA is asked to do for change data capture (docs/connectors.md), besides wal_level=logical
     * and the REPLICATION attribute of the user: publish the captured table. Done on every start, so a sandbox seeded
     * before is set up too.
     */
    private void publishForChangeCapture() throws SQLException {
        try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection(); Statement s = c.createStatement()) {
            boolean published;
            try (var rows = s.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '" + PUBLICATION + "'")) {
                published = rows.next();
            }
            if (!published) {
                s.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + Department.CIVIL_AFFAIRS.table());
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
