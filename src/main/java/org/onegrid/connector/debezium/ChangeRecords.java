package org.onegrid.connector.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.onegrid.schema.Operation;

/**
 * Turns Debezium's change events (Kafka Connect {@link SourceRecord}s with their schemas) into what a
 * {@code RawRecord} holds. Values come out readable, decided by each column's semantic type: DATE as
 * {@code 1985-03-02}, TIMESTAMP (without zone) as {@code 2024-05-06 14:23:11} (a fraction only when there is one),
 * TIMESTAMP WITH TIME ZONE as ISO-8601 with its offset, TIME as {@code 14:23:11}, DECIMAL/NUMERIC as a string of
 * the exact digits, binary as base64, booleans and integers as JSON booleans and numbers. Never logs a value.
 */
final class ChangeRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One change, ready for the raw topic.
     *
     * @param lastOfSnapshot the last row a snapshot reads of its table
     * @param endOfSnapshot the last row of the whole snapshot: streaming comes next
     */
    record Change(Operation operation, String sourceKey, String position, Instant sourceTime, String json, Map<String, String> meta,
                  String table, boolean snapshot, boolean lastOfSnapshot, boolean endOfSnapshot) {}

    private ChangeRecords() {}

    /** True for a data change of a captured table; false for heartbeats, schema changes and tombstones. */
    static boolean isChange(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || record.valueSchema() == null) {
            return false;
        }
        return value.schema().field("op") != null && value.schema().field("source") != null;
    }

    /**
     * The change in a data event.
     *
     * @param flavor decides how the position is written (LSN or binlog file:position)
     * @return null when the table has no key (no primary key and no {@code key:} in the connector file)
     */
    static Change of(SourceRecord record, Flavor flavor) {
        Struct value = (Struct) record.value();
        Struct source = value.getStruct("source");
        String op = value.getString("op");
        Operation operation = switch (op) {
            case "r" -> Operation.SNAPSHOT;
            case "c" -> Operation.CREATE;
            case "u" -> Operation.UPDATE;
            case "d" -> Operation.DELETE;
            default -> throw new IllegalArgumentException("unknown Debezium operation " + op);
        };
        Struct row = operation == Operation.DELETE ? value.getStruct("before") : value.getStruct("after");
        String database = text(source, "db");
        String schema = flavor.binlog() ? database : text(source, "schema");
        String tableName = text(source, "table");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("database", database);
        meta.put("schema", schema);
        meta.put("table", tableName);
        String snapshotFlag = text(source, "snapshot");
        boolean snapshot = operation == Operation.SNAPSHOT;
        boolean last = "last".equals(snapshotFlag) || "last_in_data_collection".equals(snapshotFlag);
        Long tsMs = source.schema().field("ts_ms") != null ? source.getInt64("ts_ms") : null;
        Instant time = tsMs == null ? null : Instant.ofEpochMilli(tsMs);
        return new Change(operation, key(record), position(source, record, flavor), time, row == null ? "{}" : json(row),
                meta, schema + "." + tableName, snapshot, last, "last".equals(snapshotFlag));
    }

    /** The key columns' values joined with {@code |}, in key order; null when the event has no key. */
    static String key(SourceRecord record) {
        if (!(record.key() instanceof Struct key)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Field field : key.schema().fields()) {
            JsonNode node = convert(field.schema(), key.get(field));
            parts.add(node.isNull() ? "" : node.isTextual() ? node.textValue() : node.toString());
        }
        return String.join("|", parts);
    }

    private static String position(Struct source, SourceRecord record, Flavor flavor) {
        if (flavor.binlog()) {
            return text(source, "file") + ":" + source.getInt64("pos");
        }
        Object lsn = source.get("lsn");
        if (lsn == null) {
            Object offset = record.sourceOffset().get("lsn");
            lsn = offset;
        }
        if (lsn instanceof Number n) {
            long v = n.longValue();
            return Long.toHexString(v >>> 32).toUpperCase() + "/" + Long.toHexString(v & 0xFFFFFFFFL).toUpperCase();
        }
        return String.valueOf(lsn);
    }

    private static String text(Struct struct, String field) {
        if (struct.schema().field(field) == null) {
            return null;
        }
        Object v = struct.get(field);
        return v == null ? null : v.toString();
    }

    /** The row as a JSON object of column to readable value, in column order. */
    static String json(Struct row) {
        ObjectNode object = NODES.objectNode();
        for (Field field : row.schema().fields()) {
            object.set(field.name(), convert(field.schema(), row.get(field)));
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a row cannot be written as JSON", e);
        }
    }

    static JsonNode convert(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Date":
                    return NODES.textNode(LocalDate.ofEpochDay(((Number) value).longValue()).toString());
                case "org.apache.kafka.connect.data.Date":
                    return NODES.textNode(LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
                case "io.debezium.time.Timestamp":
                    return NODES.textNode(localDateTime(Instant.ofEpochMilli(((Number) value).longValue())));
                case "io.debezium.time.MicroTimestamp":
                    return NODES.textNode(localDateTime(micros(((Number) value).longValue())));
                case "io.debezium.time.NanoTimestamp": {
                    long nanos = ((Number) value).longValue();
                    return NODES.textNode(localDateTime(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))));
                }
                case "org.apache.kafka.connect.data.Timestamp":
                    return NODES.textNode(localDateTime(((java.util.Date) value).toInstant()));
                case "io.debezium.time.Time":
                    return NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L).toString());
                case "io.debezium.time.MicroTime":
                    return NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L).toString());
                case "io.debezium.time.NanoTime":
                    return NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue()).toString());
                case "org.apache.kafka.connect.data.Time":
                    return NODES.textNode(LocalTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
                case "org.apache.kafka.connect.data.Decimal":
                    return NODES.textNode(((BigDecimal) value).toPlainString());
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT8, INT16, INT32, INT64 -> NODES.numberNode(((Number) value).longValue());
            case FLOAT32, FLOAT64 -> NODES.numberNode(((Number) value).doubleValue());
            case STRING -> NODES.textNode((String) value);
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(value instanceof ByteBuffer b ? bytes(b) : (byte[]) value));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(convert(schema.valueSchema(), item));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(String.valueOf(k), convert(schema.valueSchema(), v)));
                yield map;
            }
            case STRUCT -> {
                ObjectNode object = NODES.objectNode();
                Struct struct = (Struct) value;
                for (Field field : struct.schema().fields()) {
                    object.set(field.name(), convert(field.schema(), struct.get(field)));
                }
                yield object;
            }
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** A TIMESTAMP without zone: Debezium carries the wall-clock value as if it were UTC. */
    private static String localDateTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String text = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int nanos = t.getNano();
        if (nanos == 0) {
            return text;
        }
        String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
        return text + "." + fraction;
    }
}
