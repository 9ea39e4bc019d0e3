package org.onegrid.connector;

import java.util.List;
import java.util.Map;

/**
 * What one connector has done, for {@code /actuator/connectors}. Carries counts, reason codes and problem texts,
 * never a field value.
 *
 * @param id the connector id
 * @param type its type
 * @param department the department that owns the source
 * @param state where it is in its life
 * @param recordsIn records written to its raw topic and acknowledged, since start
 * @param snapshotReads of those, the snapshot reads (a database's existing rows, a file's lines)
 * @param changes of those, the creates, updates and deletes: once there are any, the snapshot is behind it
 * @param rejects records sent to {@code onegrid.rejected}, by reason code, since start
 * @param lastError the last thing that went wrong (a problem with the file, Kafka not answering), or null
 * @param lastErrorAt when, ISO-8601, or null
 * @param lastSourceTime the newest source time seen (for files: when the file was last modified), ISO-8601, or null
 * @param problems what is wrong with its file, when FAILED for that reason
 * @param notes what its type says about how it sees the source (e.g. that deletes are not seen)
 */
public record ConnectorStatus(
        String id,
        String type,
        String department,
        ConnectorState state,
        long recordsIn,
        long snapshotReads,
        long changes,
        Map<String, Long> rejects,
        String lastError,
        String lastErrorAt,
        String lastSourceTime,
        List<String> problems,
        List<String> notes) {}
