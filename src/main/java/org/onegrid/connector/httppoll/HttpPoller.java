package org.onegrid.connector.httppoll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.CursorFile;
import org.onegrid.connector.IngestBatch;
import org.onegrid.connector.RejectReason;
import org.onegrid.connector.httppoll.HttpPollSource.CursorMode;
import org.onegrid.schema.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One http-poll connector's reading of its API: asks for the page after its cursor, turns it into an
 * {@link IngestBatch} and the cursor that follows it, and stores that cursor when told the batch was acknowledged.
 * Used by one thread at a time (the connector's route).
 *
 * <p>What is written once is not written again: a record the next request may return a second time (the overlap of
 * updated-since, the last page of page-token) is remembered in the cursor with its updated value or content hash and
 * skipped while unchanged. A page read again after a crash gives the same records with the same keys and positions.
 */
final class HttpPoller {

    /** A rejected page's bytes are capped so the reject fits in a Kafka message. */
    static final int MAX_ORIGINAL_BYTES = 900_000;
    private static final Logger log = LoggerFactory.getLogger(HttpPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * One page read.
     *
     * @param batch its records and rejects
     * @param next the cursor once the batch is acknowledged
     * @param more another page follows at once
     * @param failure why the page could not be taken (it is rejected whole), or null
     */
    record Step(IngestBatch batch, HttpCursor next, boolean more, String failure) {}

    private final ConnectorDefinition definition;
    private final HttpPollSource source;
    private final CursorFile file;
    private final PageClient client;
    private HttpCursor cursor;
    private int pages;
    private long written;
    private volatile String halted;

    HttpPoller(ConnectorDefinition definition) {
        this.definition = definition;
        this.source = definition.source(HttpPollSource.class);
        this.file = CursorFile.in(source.stateDir(definition.id()));
        this.client = new PageClient(definition.id(), source);
    }

    /** Why the connector stopped asking (a refusal), or null while it polls. */
    String halted() {
        return halted;
    }

    /** The stored cursor (read from the file the first time). */
    HttpCursor cursor() {
        if (cursor == null) {
            cursor = file.read().map(node -> HttpCursor.fromJson(node, source.cursor(), file.path().toString()))
                    .orElseGet(() -> HttpCursor.start(source.cursor()));
        }
        return cursor;
    }

    /** Reads the page after the stored cursor. */
    Step next(BooleanSupplier stopping) {
        HttpCursor at;
        PageClient.Answer answer;
        try {
            at = cursor();
            answer = client.get(request(at), stopping);
        } catch (ConnectorException e) {
            if (e.isPermanent()) {
                halted = e.getMessage();
            }
            throw e;
        }
        pages++;
        String unit = "page " + pages + " of " + source.url().getPath();
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isContainerNode()) {
            return notJson(at, answer, unit);
        }
        JsonNode records = at(body, source.recordsField());
        if (!records.isArray()) {
            throw new ConnectorException("the answer of " + source.url() + " has no list at " + source.recordsField() + " (it has: "
                    + fieldNames(body) + "). Fix: set source.records-field to the field that holds the records");
        }
        String nextToken = text(at(body, source.nextPageField()));
        return page(at, records, nextToken, unit);
    }

    /** After Kafka acknowledged the step's batch: the cursor moves past its page. */
    void commit(Step step) {
        file.write(step.next().toJson());
        cursor = step.next();
        written += step.batch().records().size();
        if (!step.more()) {
            if (written > 0) {
                log.info("Connector {}: a pass over {} ended: {} records in {} pages", definition.id(), source.url(), written, pages);
            }
            pages = 0;
            written = 0;
        }
    }

    private Step page(HttpCursor at, JsonNode records, String nextToken, String unit) {
        boolean updatedSince = source.cursor() == CursorMode.UPDATED_SINCE;
        Map<String, String> seen = new LinkedHashMap<>(updatedSince ? at.seen() : Map.of());
        Map<String, String> onPage = new LinkedHashMap<>();
        String max = at.max();
        List<Pending> pending = new ArrayList<>();
        Map<String, String> meta = Map.of("url", source.url().toString());
        Instant newest = null;
        int index = 0;
        for (JsonNode record : records) {
            String position = updatedSince ? null : "pageToken=" + (at.pageToken() == null ? "" : at.pageToken()) + "#" + index;
            index++;
            if (!record.isObject()) {
                pending.add(Pending.reject(RejectReason.RECORD_NOT_OBJECT, "record " + index + " of the page is not a JSON object.",
                        position == null ? unit + "#" + index : position, bytes(record)));
                continue;
            }
            String key = key(record);
            if (key == null) {
                pending.add(Pending.reject(RejectReason.KEY_MISSING, "record " + index + " of the page has no value in the key field(s) "
                        + String.join(", ", definition.key()) + ".", position == null ? unit + "#" + index : position, bytes(record)));
                continue;
            }
            String updated = source.updatedField() == null ? null : text(record.get(source.updatedField()));
            String identity = updatedSince && updated != null ? updated : sha256(bytes(record));
            onPage.put(key, identity);
            if (identity.equals(at.seen().get(key))) {
                continue;
            }
            if (updatedSince && updated != null) {
                seen.put(key, updated);
                if (UpdatedTimes.compare(updated, max) > 0) {
                    max = updated;
                }
            }
            Instant time = UpdatedTimes.instant(updated).orElse(null);
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
            String where = position != null ? position : updated != null ? updated : unit + "#" + index;
            pending.add(Pending.record(operation(at, record, updated), key, where, time, bytes(record)));
        }
        IngestBatch.Builder batch = IngestBatch.builder(definition.id(), unit, newest);
        for (Pending p : pending) {
            if (p.reason() != null) {
                batch.reject(p.reason(), p.message(), null, p.position(), "application/json", p.payload());
            } else {
                batch.change(p.operation(), p.key(), p.position(), p.time(), new String(p.payload(), StandardCharsets.UTF_8), meta);
            }
        }
        boolean more = nextToken != null;
        HttpCursor next;
        if (updatedSince) {
            prune(seen, max);
            next = more ? new HttpCursor(source.cursor(), at.since(), nextToken, max, seen, at.snapshotDone())
                    : new HttpCursor(source.cursor(), max, null, max, seen, true);
        } else {
            next = more ? new HttpCursor(source.cursor(), null, nextToken, null, Map.of(), at.snapshotDone())
                    : new HttpCursor(source.cursor(), null, at.pageToken(), null, onPage, true);
        }
        if (!at.snapshotDone() && next.snapshotDone()) {
            log.info("Connector {}: the first full read of {} ends with this page", definition.id(), source.url());
        }
        return new Step(batch.build(), next, more, null);
    }

    /** Keeps what the next pass may return again: records within the overlap of the newest time. */
    private void prune(Map<String, String> seen, String max) {
        Optional<Instant> newest = UpdatedTimes.instant(max);
        if (newest.isEmpty()) {
            seen.values().removeIf(updated -> !updated.equals(max));
            return;
        }
        Instant from = newest.get().minus(source.overlap());
        seen.values().removeIf(updated -> UpdatedTimes.instant(updated).map(t -> t.isBefore(from)).orElse(true));
    }

    private Operation operation(HttpCursor at, JsonNode record, String updated) {
        if (source.deletedField() != null) {
            String flag = text(record.get(source.deletedField()));
            if (flag != null && source.deletedValues().stream().anyMatch(v -> v.equalsIgnoreCase(flag.strip()))) {
                return Operation.DELETE;
            }
        }
        if (!at.snapshotDone()) {
            return Operation.SNAPSHOT;
        }
        if (source.createdField() != null && updated != null) {
            String created = text(record.get(source.createdField()));
            if (created != null && UpdatedTimes.compare(created, updated) == 0) {
                return Operation.CREATE;
            }
        }
        return Operation.UPDATE;
    }

    private Step notJson(HttpCursor at, PageClient.Answer answer, String unit) {
        byte[] original = answer.body().length > MAX_ORIGINAL_BYTES ? Arrays.copyOf(answer.body(), MAX_ORIGINAL_BYTES) : answer.body();
        String message = unit + " answered HTTP " + answer.status() + " with a body that is not JSON (" + answer.contentType() + ", "
                + answer.body().length + " bytes)";
        IngestBatch batch = IngestBatch.builder(definition.id(), unit, null)
                .reject(RejectReason.HTTP_NOT_JSON, message + ".", null, unit, answer.contentType(), original)
                .build();
        return new Step(batch, at, false, message + "; it is on onegrid.rejected as HTTP_NOT_JSON and the page is asked again at the next poll");
    }

    /** The request for the page after {@code at}: the URL with the cursor's query parameters added, encoded. */
    URI request(HttpCursor at) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (source.cursor() == CursorMode.UPDATED_SINCE && at.since() != null) {
            parameters.put(source.sinceParam(), UpdatedTimes.minus(at.since(), source.overlap()));
        }
        if (at.pageToken() != null) {
            parameters.put(source.pageParam(), at.pageToken());
        }
        if (!source.pageSizeParam().isEmpty()) {
            parameters.put(source.pageSizeParam(), String.valueOf(source.pageSize()));
        }
        return withQuery(source.url(), parameters);
    }

    static URI withQuery(URI url, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return url;
        }
        String added = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String query = url.getRawQuery() == null || url.getRawQuery().isEmpty() ? added : url.getRawQuery() + "&" + added;
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath()) + "?" + query);
    }

    private String key(JsonNode record) {
        List<String> parts = new ArrayList<>(definition.key().size());
        for (String field : definition.key()) {
            String value = text(record.get(field));
            if (value == null || value.isBlank()) {
                return null;
            }
            parts.add(value.strip());
        }
        return String.join("|", parts);
    }

    /** A dotted path into an answer ({@code data}, {@code result.items}). */
    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }

    /** A scalar's text; null for null, absent, a list or an object. */
    static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "no fields" : String.join(", ", names);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON value cannot fail to serialize", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A record or reject of a page, before the batch is built (the batch's source time is the page's newest). */
    private record Pending(RejectReason reason, String message, Operation operation, String key, String position, Instant time, byte[] payload) {

        static Pending reject(RejectReason reason, String message, String position, byte[] payload) {
            return new Pending(reason, message, null, null, position, null, payload);
        }

        static Pending record(Operation operation, String key, String position, Instant time, byte[] payload) {
            return new Pending(null, null, operation, key, position, time, payload);
        }
    }
}
