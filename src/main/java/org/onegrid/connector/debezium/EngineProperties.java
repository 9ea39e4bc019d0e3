package org.onegrid.connector.debezium;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.onegrid.connector.ConnectorDefinition;

/**
 * The Debezium engine configuration of one connector. Decisions (docs/connectors.md):
 * offsets in a file replaced whole after every batch ({@link OffsetsFile}); schema history in a file appended with
 * forced writes, a torn last line dropped at start (binlog databases, {@link SchemaHistoryFile});
 * decimals as strings; binary as base64; no tombstones; heartbeats on; the in-process signal channel for
 * re-snapshots. The password is put in only by {@link #build(boolean)} with {@code withPassword}, at connect time.
 */
final class EngineProperties {

    private EngineProperties() {}

    static Properties of(ConnectorDefinition definition, Flavor flavor) {
        DebeziumSource source = definition.source(DebeziumSource.class);
        String id = definition.id();
        Properties p = new Properties();
        p.setProperty("name", id);
        p.setProperty("connector.class", flavor.connectorClass());
        p.setProperty("topic.prefix", prefix(id));
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", String.valueOf(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password().resolve());
        p.setProperty("table.include.list", source.tables().stream().map(EngineProperties::regex).collect(Collectors.joining(",")));
        p.setProperty("snapshot.mode", source.snapshotMode());
        p.setProperty("heartbeat.interval.ms", String.valueOf(source.heartbeat().toMillis()));
        p.setProperty("poll.interval.ms", String.valueOf(source.pollInterval().toMillis()));
        p.setProperty("max.batch.size", String.valueOf(source.batchSize()));
        p.setProperty("max.queue.size", String.valueOf(Math.max(source.batchSize() * 4, 8192)));
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("binary.handling.mode", "base64");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("provide.transaction.metadata", "false");
        p.setProperty("offset.storage", OffsetsFile.class.getName());
        p.setProperty("offset.storage.file.filename", source.offsetsFile(id).toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.flush.timeout.ms", "10000");
        p.setProperty("signal.enabled.channels", "in-process");
        p.setProperty("errors.max.retries", "3");
        if (!definition.key().isEmpty()) {
            // Tables without a primary key: the connector file's key columns identify a row.
            String columns = String.join(",", definition.key());
            p.setProperty("message.key.columns", source.tables().stream().map(t -> t + ":" + columns).collect(Collectors.joining(";")));
        }
        if (flavor.binlog()) {
            p.setProperty("database.include.list", source.database());
            p.setProperty("database.server.id", String.valueOf(source.serverId() != 0 ? source.serverId() : serverId(id)));
            p.setProperty("schema.history.internal", SchemaHistoryFile.class.getName());
            p.setProperty("schema.history.internal.file.filename", source.schemaHistoryFile(id).toAbsolutePath().toString());
            p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
            p.setProperty("include.schema.changes", "false");
            p.setProperty("connect.timeout.ms", "10000");
        } else {
            p.setProperty("database.dbname", source.database());
            p.setProperty("plugin.name", "pgoutput");
            p.setProperty("slot.name", source.slot() != null ? source.slot() : defaultSlot(id));
            p.setProperty("publication.name", source.publication() != null ? source.publication() : defaultSlot(id));
            p.setProperty("publication.autocreate.mode", "filtered");
            p.setProperty("status.update.interval.ms", "1000");
        }
        return p;
    }

    /** The slot and publication name when the file gives none: {@code onegrid_<id>} with dashes as underscores. */
    static String defaultSlot(String id) {
        return "onegrid_" + id.replace('-', '_');
    }

    /** A stable server id from the connector id, in a range unlikely to collide with real replicas. */
    static long serverId(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 5_400_000L + crc.getValue() % 1_000_000L;
    }

    static String prefix(String id) {
        return "onegrid_" + id.replace('-', '_');
    }

    private static String regex(String table) {
        return table.replace(".", "\\.");
    }

    static List<String> qualified(DebeziumSource source) {
        return source.tables();
    }
}
