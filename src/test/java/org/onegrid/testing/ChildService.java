package org.onegrid.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.onegrid.OneGridApplication;

/**
 * The whole service in a JVM of its own, on a Kafka cluster outside it (a broker in the test JVM, which outlives it),
 * for tests that kill it with SIGKILL (kill -9) and start it again on the same data folder: all that survives a kill
 * is what the service had put on disk and in Kafka. Sandbox departments off, free ports, connector files in
 * {@code <dataDir>/connectors}; the output of the n-th start is in {@code <dataDir>/service-<n>.log}.
 */
public final class ChildService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dataDir;
    private final List<String> arguments;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    private ChildService(Path dataDir, List<String> arguments, int httpPort) {
        this.dataDir = dataDir;
        this.arguments = arguments;
        this.httpPort = httpPort;
    }

    /** The service on {@code dataDir}, using the cluster at {@code bootstrapServers}. */
    public static ChildService on(Path dataDir, String bootstrapServers) {
        int httpPort = FreePorts.next();
        Map<String, Object> properties = new LinkedHashMap<>(EmbeddedServiceProperties.on(dataDir));
        properties.keySet().removeIf(key -> key.startsWith("onegrid.kafka.embedded."));
        properties.put("onegrid.kafka.bootstrap-servers", bootstrapServers);
        properties.put("server.port", httpPort);
        // A killed instance never leaves its consumer groups: the restarted stages get its partitions once its session
        // has expired. Kafka's default (45 s) is for production; the broker's shortest keeps a test quick.
        properties.put("onegrid.kafka.client.session.timeout.ms", 6000);
        // Two partitions a topic, not six: several partitions still, and a third of the stream tasks to start again.
        properties.put("onegrid.topics.partitions", 2);
        return new ChildService(dataDir, List.of(EmbeddedServiceProperties.asArguments(properties)), httpPort);
    }

    /** Starts the service; it is ready when its connectors have written something (see {@link #awaiting}). */
    public void start() throws IOException {
        starts++;
        process = ChildJvm.start(OneGridApplication.class, "768m", arguments, log());
    }

    /**
     * Awaiting a condition while the service runs: exceptions (the service not answering yet, a topic not created
     * yet) count as "not yet", and the wait fails at once, naming its output, when the service exits.
     */
    public ConditionFactory awaiting(Duration atMost) {
        Path log = log();
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast("the service exited; its output is in " + log, () -> !process.isAlive());
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. Waits until it is gone. */
    public void kill() throws InterruptedException {
        assertThat(process.isAlive()).as("the service was running when killed; its output is in %s", log()).isTrue();
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The JSON answer of a GET on the service's HTTP port, e.g. {@code /actuator/cdc/civil-affairs}. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The output of the latest start. */
    public Path log() {
        return dataDir.resolve("service-" + starts + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
