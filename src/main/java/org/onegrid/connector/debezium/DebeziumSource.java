package org.onegrid.connector.debezium;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;

/**
 * The {@code source:} block of a change-data-capture connector (docs/connectors.md). The password stays a reference
 * until the engine or the connectivity check connects.
 *
 * @param host the database server
 * @param port its port
 * @param database the database (PostgreSQL: the database the slot belongs to; MariaDB/MySQL: the schema captured)
 * @param user the user Debezium connects as
 * @param password a reference to the password
 * @param tables the captured tables, qualified ({@code public.ca_resident}, {@code civil_affairs.rk_jbxx}) once bound
 * @param snapshotMode Debezium's snapshot mode: initial, no_data, when_needed, initial_only
 * @param heartbeat how often a heartbeat commits the position while the captured tables are idle; zero: none
 * @param slot the PostgreSQL replication slot
 * @param publication the PostgreSQL publication
 * @param serverId the binlog client's server id (MariaDB/MySQL), unique among the server's replicas
 * @param stateDir where the offsets (and the schema history) are kept; null: {@code var/connectors/<connector>}
 * @param pollInterval how long the engine waits for new changes before polling again
 * @param batchSize the most changes in one engine batch, i.e. one Kafka round trip
 */
public record DebeziumSource(
        String host,
        int port,
        String database,
        String user,
        SecretRef password,
        List<String> tables,
        String snapshotMode,
        Duration heartbeat,
        String slot,
        String publication,
        long serverId,
        Path stateDir,
        Duration pollInterval,
        int batchSize) implements SourceSettings {

    public DebeziumSource {
        tables = List.copyOf(tables);
    }

    /** The folder of a connector's offsets and schema history. */
    public Path stateDir(String connector) {
        return stateDir != null ? stateDir : Path.of("var", "connectors", connector);
    }

    /** The offsets file. */
    public Path offsetsFile(String connector) {
        return stateDir(connector).resolve("offsets.dat");
    }

    /** The schema history file of a binlog connector. */
    public Path schemaHistoryFile(String connector) {
        return stateDir(connector).resolve("schema-history.dat");
    }
}
