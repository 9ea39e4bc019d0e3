package org.onegrid.connector.debezium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A change-data-capture connector file for a test database:
 * {@code aCaptureConnector("debezium-mariadb").on(port).database("public_security").user("cdc", secret).tables("rk_jbxx")
 * .namesIn("XM").batchSize(250).stateDir(dir).writeInto(connectors, "public-security")}. Quick polling and heartbeats,
 * so tests need not wait; a minimal mapping (the name column, which every connector needs) unless one is given.
 */
final class CaptureConnectorFile {

    private final String type;
    private int port;
    private String database;
    private String user;
    private Path passwordFile;
    private String tables;
    private int batchSize = 2048;
    private Path stateDir;
    private String mapping = "  name: name\n";

    private CaptureConnectorFile(String type) {
        this.type = type;
    }

    static CaptureConnectorFile aCaptureConnector(String type) {
        return new CaptureConnectorFile(type);
    }

    CaptureConnectorFile on(int port) {
        this.port = port;
        return this;
    }

    CaptureConnectorFile database(String database) {
        this.database = database;
        return this;
    }

    /** The user, and the file holding its password (written as a secret reference). */
    CaptureConnectorFile user(String user, Path passwordFile) {
        this.user = user;
        this.passwordFile = passwordFile;
        return this;
    }

    CaptureConnectorFile tables(String... tables) {
        this.tables = String.join(", ", tables);
        return this;
    }

    CaptureConnectorFile batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    CaptureConnectorFile stateDir(Path stateDir) {
        this.stateDir = stateDir;
        return this;
    }

    /** The column the (minimal) mapping reads the name from; every connector needs a mapping. */
    CaptureConnectorFile namesIn(String column) {
        return mapping("name: " + column);
    }

    /** The whole mapping block, as the lines under {@code mapping:} (without their indentation). */
    CaptureConnectorFile mapping(String block) {
        this.mapping = block.stripTrailing().indent(2);
        return this;
    }

    /** Writes {@code <dir>/<id>.yaml}. */
    Path writeInto(Path dir, String id) throws IOException {
        Path file = Files.createDirectories(dir).resolve(id + ".yaml");
        Files.writeString(file, """
                type: %s
                department: 测试部门 (a test department)
                source:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: %s
                  password: ${file:%s}
                  tables: [%s]
                  heartbeat-interval: 1s
                  poll-interval: 100ms
                  batch-size: %d
                  state-dir: %s
                mapping:
                %s""".formatted(type, port, database, user, passwordFile, tables, batchSize, stateDir, mapping));
        return file;
    }
}
