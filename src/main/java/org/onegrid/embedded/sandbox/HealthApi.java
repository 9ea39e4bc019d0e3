package org.onegrid.embedded.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health department's patient API, as a real HTTP server: {@code GET /api/patients?updatedSince=&pageToken=&pageSize=}
 * with {@code Authorization: Bearer <token>}, answering {@code {"data": [...], "nextPageToken": "..."|null}} in order
 * of (updatedAt, patientId). Records are kept in a journal file (one JSON object per line, the last per patient
 * wins), so changes survive a restart. A deleted patient is answered with {@code "deleted": true}.
 */
final class HealthApi implements AutoCloseable {

    static final String PATH = "/api/patients";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<String> ORDER = Comparator.naturalOrder();

    private final HttpServer server;
    private final String token;
    private final Path journal;
    private final Map<String, ObjectNode> byKey = new HashMap<>();
    private final TreeMap<String, ObjectNode> byCursor = new TreeMap<>(ORDER);

    private HealthApi(HttpServer server, String token, Path journal) {
        this.server = server;
        this.token = token;
        this.journal = journal;
    }

    static HealthApi start(SandboxSettings settings) throws IOException {
        Path journal = settings.dir().resolve("health").resolve("patients.jsonl");
        Files.createDirectories(journal.getParent());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.healthPort()), 0);
        HealthApi api = new HealthApi(server, Secrets.getOrCreate(settings.secret("health.token")), journal);
        api.load();
        server.createContext(PATH, api::handle);
        server.start();
        return api;
    }

    /** Adds or replaces patients (and writes them to the journal). */
    synchronized void put(List<Map<String, Object>> patients) {
        try (BufferedWriter out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (Map<String, Object> patient : patients) {
                ObjectNode node = JSON.valueToTree(patient);
                out.write(JSON.writeValueAsString(node));
                out.write('\n');
                index(node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the health sandbox's journal", e);
        }
    }

    synchronized ObjectNode get(String patientId) {
        ObjectNode node = byKey.get(patientId);
        return node == null ? null : node.deepCopy();
    }

    synchronized int size() {
        return byKey.size();
    }

    private void load() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        try (var lines = Files.lines(journal, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.isBlank()) {
                    index((ObjectNode) JSON.readTree(line));
                }
            }
        }
    }

    private void index(ObjectNode node) {
        String key = node.path("patientId").asText();
        ObjectNode previous = byKey.put(key, node);
        if (previous != null) {
            byCursor.remove(cursor(previous));
        }
        byCursor.put(cursor(node), node);
    }

    private static String cursor(ObjectNode node) {
        return node.path("updatedAt").asText() + "|" + node.path("patientId").asText();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int pageSize = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("pageSize", "200"))));
            // A page token is the cursor of the last record sent; updatedSince excludes records updated at that instant.
            String after = query.containsKey("pageToken") ? query.get("pageToken")
                    : query.containsKey("updatedSince") ? query.get("updatedSince") + "|\uffff" : "";
            respond(exchange, 200, page(after, pageSize));
        } catch (RuntimeException e) {
            respond(exchange, 400, "{\"error\":\"bad request\"}");
        }
    }

    private synchronized String page(String after, int pageSize) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        var data = body.putArray("data");
        String last = null;
        for (var entry : byCursor.tailMap(after, false).entrySet()) {
            if (data.size() == pageSize) {
                break;
            }
            data.add(entry.getValue());
            last = entry.getKey();
        }
        boolean more = last != null && byCursor.higherKey(last) != null;
        if (more) {
            body.put("nextPageToken", last);
        } else {
            body.putNull("nextPageToken");
        }
        return JSON.writeValueAsString(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
