package org.onegrid.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;

/** Test-data builder for raw records: {@code aRawRecord().from("health").key("HP1").column("name", "陈晓明").build()}. */
final class RawRecords {

    static final Instant INGEST_TIME = Instant.parse("2026-11-23T01:02:03Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private String connector = "test";
    private String sourceKey = "1";
    private Operation operation = Operation.SNAPSHOT;
    private Instant sourceTime = Instant.parse("2026-10-01T02:00:00Z");
    private String contentType = "application/json";
    private final ObjectNode columns = JSON.createObjectNode();
    private byte[] payload;

    private RawRecords() {
    }

    static RawRecords aRawRecord() {
        return new RawRecords();
    }

    RawRecords from(String connectorId) {
        this.connector = connectorId;
        return this;
    }

    RawRecords key(String key) {
        this.sourceKey = key;
        return this;
    }

    RawRecords operation(Operation op) {
        this.operation = op;
        return this;
    }

    RawRecords sourceTime(Instant time) {
        this.sourceTime = time;
        return this;
    }

    RawRecords contentType(String type) {
        this.contentType = type;
        return this;
    }

    RawRecords column(String name, Object value) {
        columns.set(name, JSON.valueToTree(value));
        return this;
    }

    RawRecords payload(ObjectNode row) {
        columns.setAll(row);
        return this;
    }

    RawRecords payloadText(String text) {
        this.payload = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    RawRecord build() {
        byte[] bytes = payload != null ? payload : columns.toString().getBytes(StandardCharsets.UTF_8);
        return RawRecord.newBuilder()
                .setConnector(connector)
                .setSourceKey(sourceKey)
                .setOperation(operation)
                .setSourcePosition("test:1")
                .setSourceTime(sourceTime)
                .setIngestTime(INGEST_TIME)
                .setContentType(contentType)
                .setPayload(ByteBuffer.wrap(bytes))
                .build();
    }
}
