package org.onegrid.connector.httppoll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.httppoll.HttpPollSource.CursorMode;

/**
 * Where an http-poll connector is, as stored in its cursor file. Holds times, page tokens and the API's record keys
 * (the department's record numbers, never personal data), nothing else.
 *
 * @param mode the cursor mode it was written for
 * @param since updated-since: the time the current pass asks from (null: from the beginning)
 * @param pageToken the token of the next page of the current pass (null: its first page); page-token: of the page to
 *     ask next, kept at the last page once the API has no further one
 * @param max updated-since: the newest updated value written so far (the next pass's {@code since})
 * @param seen what was already written of records the next request may return again: key to updated value
 *     (updated-since, within the overlap of {@code max}) or to a content hash (page-token: the last page)
 * @param snapshotDone true once the first full pass ended; records read before are SNAPSHOT
 */
record HttpCursor(CursorMode mode, String since, String pageToken, String max, Map<String, String> seen, boolean snapshotDone) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HttpCursor {
        seen = Map.copyOf(seen);
    }

    static HttpCursor start(CursorMode mode) {
        return new HttpCursor(mode, null, null, null, Map.of(), false);
    }

    ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "http-poll");
        node.put("cursor", mode.text());
        node.put("since", since);
        node.put("pageToken", pageToken);
        node.put("max", max);
        node.put("snapshotDone", snapshotDone);
        ObjectNode seenNode = node.putObject("seen");
        new java.util.TreeMap<>(seen).forEach(seenNode::put);
        return node;
    }

    /** Reads a stored cursor; one of another mode or type cannot be used (the connector's file changed). */
    static HttpCursor fromJson(ObjectNode node, CursorMode expected, String file) {
        String stored = node.path("cursor").asText();
        if (!"http-poll".equals(node.path("type").asText()) || !expected.text().equals(stored)) {
            throw ConnectorException.permanent("the cursor file " + file + " was written for " + node.path("type").asText() + " with cursor "
                    + stored + ", not http-poll with cursor " + expected.text() + ". Fix: move the file away to read the API again from "
                    + "the start, or set source.cursor back, then restart the service");
        }
        Map<String, String> seen = new LinkedHashMap<>();
        node.path("seen").fields().forEachRemaining(e -> seen.put(e.getKey(), e.getValue().asText()));
        return new HttpCursor(expected, text(node.get("since")), text(node.get("pageToken")), text(node.get("max")), seen,
                node.path("snapshotDone").asBoolean(false));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
