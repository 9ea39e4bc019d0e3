package org.onegrid.connector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.Stage;

/**
 * One unit of work of a connector (a file, a page, a poll): the records for its raw topic and the rejects for
 * {@code onegrid.rejected}. The {@code rawSink} bean writes it and returns once Kafka acknowledged all of it; only
 * then is the unit marked done at the source.
 *
 * @param connector the connector id
 * @param unit what the unit is, for logs (a file name, a page number); never a field value
 * @param records for the raw topic, in source order
 * @param rejects for onegrid.rejected
 * @param sourceTime the unit's source time, or null
 */
public record IngestBatch(String connector, String unit, List<RawRecord> records, List<RejectedRecord> rejects, Instant sourceTime) {

    public IngestBatch {
        records = List.copyOf(records);
        rejects = List.copyOf(rejects);
    }

    public static Builder builder(String connector, String unit, Instant sourceTime) {
        return new Builder(connector, unit, sourceTime);
    }

    /** Rejects counted by reason code. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rejects.forEach(r -> counts.merge(r.getReason(), 1L, Long::sum));
        return counts;
    }

    /** Collects records and rejects with the fields every connector fills the same way. */
    public static final class Builder {

        private final String connector;
        private final String unit;
        private final Instant sourceTime;
        private final Instant ingestTime = Instant.now();
        private final List<RawRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejects = new ArrayList<>();

        private Builder(String connector, String unit, Instant sourceTime) {
            this.connector = connector;
            this.unit = unit;
            this.sourceTime = sourceTime;
        }

        /** A record as it arrived: a JSON object of source column to value, UTF-8. */
        public Builder snapshot(String sourceKey, String position, String json, Map<String, String> meta) {
            records.add(RawRecord.newBuilder()
                    .setConnector(connector).setSourceKey(sourceKey).setOperation(Operation.SNAPSHOT)
                    .setSourcePosition(position).setSourceTime(sourceTime).setIngestTime(ingestTime)
                    .setContentType("application/json")
                    .setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                    .setSourceMeta(meta)
                    .build());
            return this;
        }

        /**
         * A change as a source with its own per-record positions and commit times reported it (change data capture):
         * a JSON object of source column to value, UTF-8.
         *
         * @param sourceTime when the source committed this record, or null
         */
        public Builder change(Operation operation, String sourceKey, String position, Instant sourceTime, String json,
                              Map<String, String> meta) {
            records.add(RawRecord.newBuilder()
                    .setConnector(connector).setSourceKey(sourceKey).setOperation(operation)
                    .setSourcePosition(position).setSourceTime(sourceTime).setIngestTime(ingestTime)
                    .setContentType("application/json")
                    .setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                    .setSourceMeta(meta)
                    .build());
            return this;
        }

        /**
         * Input that could not be taken.
         *
         * @param message what was wrong, for a person; never the personal data itself
         * @param sourceKey the source key when it could be read, else null
         */
        public Builder reject(RejectReason reason, String message, String sourceKey, String position, String contentType, byte[] original) {
            rejects.add(RejectedRecord.newBuilder()
                    .setReason(reason.name()).setMessage(message).setStage(Stage.INGEST)
                    .setConnector(connector).setSourceKey(sourceKey).setSourcePosition(position)
                    .setContentType(contentType).setOriginalPayload(ByteBuffer.wrap(original)).setRejectedAt(Instant.now())
                    .build());
            return this;
        }

        public int recordCount() {
            return records.size();
        }

        public IngestBatch build() {
            return new IngestBatch(connector, unit, records, rejects, sourceTime);
        }
    }
}
