package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binlog connector's schema history survives a process killed while appending to it: a torn last line is dropped
 * at start, whole lines are kept. {@link MariaDbRestartTest} starts a connector on a real MariaDB on such a file: the
 * DDL the torn line held is read again from the binlog, and the connector streams on.
 */
class SchemaHistoryFileTest {

    private static final String WHOLE = "{\"source\":{\"server\":\"onegrid_crash\"},\"position\":{\"pos\":4},\"ddl\":\"CREATE TABLE t (id INT)\"}";

    @TempDir
    Path root;

    @Test
    void dropsATornLastLineAndKeepsEveryWholeOne() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE + "\n" + WHOLE.substring(0, 40));

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).contains(WHOLE.substring(0, 40));

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n" + WHOLE + "\n");
    }

    @Test
    void dropsALastLineThatEndsButIsNoWholeDocument() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE.substring(0, 40) + "\n");

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).contains(WHOLE.substring(0, 40));

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n");
    }

    @Test
    void leavesAFileOfWholeLinesAsItIs() throws Exception {
        Path file = Files.writeString(root.resolve("schema-history.dat"), WHOLE + "\n" + WHOLE + "\n");

        assertThat(SchemaHistoryFile.dropTornLastLine(file)).isEmpty();
        assertThat(SchemaHistoryFile.dropTornLastLine(root.resolve("missing.dat"))).isEmpty();

        assertThat(Files.readString(file)).isEqualTo(WHOLE + "\n" + WHOLE + "\n");
    }
}
