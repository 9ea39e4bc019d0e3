package org.onegrid.connector.jdbcpoll;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;

/**
 * One cursor value of a row (its cursor column or a tie-breaker), kept as a type and a text so it can be stored in
 * the cursor file and bound again as the same JDBC type; and the conversion of every column of a row to JSON.
 *
 * @param type {@code timestamp}, {@code timestamptz}, {@code date}, {@code integer}, {@code decimal} or {@code text}
 * @param text the value in a form the type reads back exactly
 */
record SqlValue(String type, String text) {

    /** Date-times in payloads as databases print them: {@code 2024-05-06 14:23:11}, a fraction only when there is one. */
    static final DateTimeFormatter SQL_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Reads column {@code index} of the current row as a cursor value; null when the column is NULL. */
    static SqlValue read(ResultSet row, int index, int sqlType) throws SQLException {
        return switch (sqlType) {
            case Types.TIMESTAMP -> of("timestamp", row.getObject(index, LocalDateTime.class), DateTimeFormatter.ISO_LOCAL_DATE_TIME::format);
            case Types.TIMESTAMP_WITH_TIMEZONE -> of("timestamptz", row.getObject(index, OffsetDateTime.class), DateTimeFormatter.ISO_OFFSET_DATE_TIME::format);
            case Types.DATE -> of("date", row.getObject(index, LocalDate.class), LocalDate::toString);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long value = row.getLong(index);
                yield row.wasNull() ? null : new SqlValue("integer", String.valueOf(value));
            }
            case Types.NUMERIC, Types.DECIMAL -> of("decimal", row.getBigDecimal(index), BigDecimal::toPlainString);
            default -> of("text", row.getString(index), s -> s);
        };
    }

    private static <T> SqlValue of(String type, T value, java.util.function.Function<T, String> text) {
        return value == null ? null : new SqlValue(type, text.apply(value));
    }

    /** Binds the value as parameter {@code index}, as the type it was read as. */
    void bind(PreparedStatement statement, int index) throws SQLException {
        switch (type) {
            case "timestamp" -> statement.setObject(index, LocalDateTime.parse(text));
            case "timestamptz" -> statement.setObject(index, OffsetDateTime.parse(text));
            case "date" -> statement.setObject(index, LocalDate.parse(text));
            case "integer" -> statement.setLong(index, Long.parseLong(text));
            case "decimal" -> statement.setBigDecimal(index, new BigDecimal(text));
            default -> statement.setString(index, text);
        }
    }

    /** The instant it names, for a date or time (a date-time without zone read in {@code zone}); null otherwise. */
    Instant instant(ZoneId zone) {
        return switch (type) {
            case "timestamp" -> LocalDateTime.parse(text).atZone(zone).toInstant();
            case "timestamptz" -> OffsetDateTime.parse(text).toInstant();
            case "date" -> LocalDate.parse(text).atStartOfDay(zone).toInstant();
            default -> null;
        };
    }

    /** The text a person reads in a source position: date-times with a space, as the database prints them. */
    String display() {
        return type.equals("timestamp") ? SQL_DATE_TIME.format(LocalDateTime.parse(text)) : text;
    }

    /** Whether a JDBC type can be a cursor of updated-at: a date or a date-time. */
    static boolean temporal(int sqlType) {
        return sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE || sqlType == Types.DATE;
    }

    /** Puts column {@code index} of the current row into {@code row} under {@code name}, as JSON. */
    static void put(ObjectNode json, String name, ResultSet row, int index, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.TIMESTAMP -> {
                LocalDateTime value = row.getObject(index, LocalDateTime.class);
                json.put(name, value == null ? null : SQL_DATE_TIME.format(value));
                return;
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                json.put(name, value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
                return;
            }
            case Types.DATE -> {
                LocalDate value = row.getObject(index, LocalDate.class);
                json.put(name, value == null ? null : value.toString());
                return;
            }
            case Types.TIME -> {
                LocalTime value = row.getObject(index, LocalTime.class);
                json.put(name, value == null ? null : value.toString());
                return;
            }
            default -> {
                // by the value's Java type below
            }
        }
        Object value = row.getObject(index);
        if (value == null) {
            json.putNull(name);
        } else if (value instanceof String s) {
            json.put(name, s);
        } else if (value instanceof Boolean b) {
            json.put(name, b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.put(name, ((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            json.set(name, NODES.numberNode(i));
        } else if (value instanceof BigDecimal d) {
            json.set(name, NODES.numberNode(d));
        } else if (value instanceof Double || value instanceof Float) {
            json.put(name, ((Number) value).doubleValue());
        } else if (value instanceof byte[] bytes) {
            json.put(name, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Clob clob) {
            json.put(name, clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length())));
        } else if (value instanceof Blob blob) {
            json.put(name, Base64.getEncoder().encodeToString(blob.getBytes(1, (int) Math.min(Integer.MAX_VALUE, blob.length()))));
        } else if (value instanceof Array array) {
            var list = json.putArray(name);
            for (Object element : (Object[]) array.getArray()) {
                list.add(element == null ? null : element.toString());
            }
        } else {
            json.put(name, row.getString(index));
        }
    }
}
