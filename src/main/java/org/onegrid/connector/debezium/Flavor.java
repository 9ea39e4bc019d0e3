package org.onegrid.connector.debezium;

/** The databases Debezium reads for OneGrid, and what differs between them. */
enum Flavor {
    POSTGRES("debezium-postgres", "io.debezium.connector.postgresql.PostgresConnector", 5432, false),
    MARIADB("debezium-mariadb", "io.debezium.connector.mariadb.MariaDbConnector", 3306, true),
    MYSQL("debezium-mysql", "io.debezium.connector.mysql.MySqlConnector", 3306, true);

    private final String typeName;
    private final String connectorClass;
    private final int defaultPort;
    private final boolean binlog;

    Flavor(String typeName, String connectorClass, int defaultPort, boolean binlog) {
        this.typeName = typeName;
        this.connectorClass = connectorClass;
        this.defaultPort = defaultPort;
        this.binlog = binlog;
    }

    String typeName() {
        return typeName;
    }

    String connectorClass() {
        return connectorClass;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** True for MariaDB and MySQL (binlog position, server id, schema history); false for PostgreSQL. */
    boolean binlog() {
        return binlog;
    }

    /** Whether this Debezium connector is on the class path of this build. */
    boolean available() {
        try {
            Class.forName(connectorClass, false, Flavor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
