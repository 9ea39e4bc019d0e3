package org.onegrid.connector.httppoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A department patient API on a real HTTP server, with the health sandbox's contract: {@code GET /api/patients?
 * updatedSince=&pageToken=&pageSize=} with a bearer token, answering {@code {"data": [...], "nextPageToken": ...}} in
 * order of (updatedAt, patientId); {@code updatedSince} excludes that instant; a page token is the position of the
 * last record sent. Tests script what it does next: answer a status, answer slowly, hold an answer, change token.
 */
public final class PatientsApi implements AutoCloseable {

    public static final String PATH = "/api/patients";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final TreeMap<String, ObjectNode> byPosition = new TreeMap<>();
    private final Map<String, String> positionOf = new HashMap<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private final List<Integer> failures = new ArrayList<>();
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private volatile String token;
    private volatile Duration slowness = Duration.ZERO;
    private volatile CountDownLatch hold;
    private volatile String holdAfterPosition;

    private PatientsApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public static PatientsApi start(String token) {
        try {
            return new PatientsApi(token);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /**
     * The connector file of an http-poll connector on this API, polling every 200 ms by updatedAt: {@code mapping} is
     * the mapping block in YAML's flow style ({@code {name: name, idNumber: idCard}}), {@code sourceLines} more keys
     * of the source block ({@code page-size: 10}).
     */
    public String connectorFile(Path tokenFile, Path stateDir, String mapping, String... sourceLines) {
        StringBuilder yaml = new StringBuilder("""
                type: http-poll
                department: 卫健委 (health)
                key: [patientId]
                source:
                  url: %s
                  token: ${file:%s}
                  updated-field: updatedAt
                  poll-interval: 200ms
                  state-dir: %s
                """.formatted(url(), tokenFile, stateDir));
        for (String line : sourceLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.append("mapping: ").append(mapping).append('\n').toString();
    }

    /** Adds or replaces a patient; it moves to the end of the order when its updatedAt is the newest. */
    public synchronized PatientsApi put(String patientId, String updatedAt, Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        node.put("patientId", patientId);
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        node.put("updatedAt", updatedAt);
        String old = positionOf.remove(patientId);
        if (old != null) {
            byPosition.remove(old);
        }
        String position = updatedAt + "|" + patientId;
        byPosition.put(position, node);
        positionOf.put(patientId, position);
        return this;
    }

    /** Patients {@code HP<from>...}, updated on {@code day} two by two at the same second (n / 2 minutes past eight). */
    public PatientsApi withPatients(int from, int count, String day) {
        for (int n = from; n < from + count; n++) {
            String time = day + "T08:" + String.format("%02d", (n / 2) % 60) + ":00+08:00";
            put(id(n), time, Map.of("name", "测试患者" + n, "idCard", "36050219850302" + String.format("%04d", n), "deleted", false));
        }
        return this;
    }

    public static String id(int n) {
        return "HP" + String.format("%04d", n);
    }

    /** The next {@code count} requests answer {@code status} (after the token check). */
    public synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** The next {@code count} answers take {@code delay} before anything is sent. */
    public void slowNext(int count, Duration delay) {
        slowness = delay;
        slowAnswers.set(count);
    }

    /** A page that starts after {@code position} is not answered until {@link #release()}. */
    public void holdPageAfter(String position) {
        hold = new CountDownLatch(1);
        holdAfterPosition = position;
    }

    public void release() {
        CountDownLatch latch = hold;
        holdAfterPosition = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public void token(String newToken) {
        token = newToken;
    }

    public synchronized List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    public synchronized long answered(int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    public synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            synchronized (this) {
                queries.add(exchange.getRequestURI().getRawQuery());
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            Integer failure;
            synchronized (this) {
                failure = failures.isEmpty() ? null : failures.remove(0);
            }
            if (failure != null) {
                respond(exchange, failure, "{\"error\":\"scripted\"}");
                return;
            }
            if (slowAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                pause(slowness);
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int pageSize = Integer.parseInt(query.getOrDefault("pageSize", "200"));
            String after = query.containsKey("pageToken") ? query.get("pageToken")
                    : query.containsKey("updatedSince") ? query.get("updatedSince") + "|\uffff" : "";
            CountDownLatch latch = hold;
            if (latch != null && after.equals(holdAfterPosition)) {
                awaitRelease(latch);
            }
            respond(exchange, 200, page(after, pageSize));
        }
    }

    private synchronized String page(String after, int pageSize) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        var data = body.putArray("data");
        String last = null;
        for (var entry : byPosition.tailMap(after, false).entrySet()) {
            if (data.size() == pageSize) {
                break;
            }
            data.add(entry.getValue());
            last = entry.getKey();
        }
        if (last != null && byPosition.higherKey(last) != null) {
            body.put("nextPageToken", last);
        } else {
            body.putNull("nextPageToken");
        }
        return JSON.writeValueAsString(body);
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        synchronized (this) {
            statuses.add(status);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    /** A slow department server: the answer is simply late. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
