package org.onegrid.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs statements on a test database, one by one, each committed on its own (as a department's application would). */
public final class Sql {

    /** Where a connection comes from: {@code dataSource::getConnection}, {@code mariaDb::connect}. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private Sql() {}

    public static void run(Connections connections, String... statements) throws SQLException {
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
