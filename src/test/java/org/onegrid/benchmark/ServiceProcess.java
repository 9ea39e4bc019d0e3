package org.onegrid.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service under measurement: the packaged jar, started in its own JVM exactly as it is deployed, on the
 * benchmark's working directory. Its heap is sampled through its own metrics endpoint; its peak resident memory is
 * read from the operating system.
 */
final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong peakHeap = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "benchmark-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private ServiceProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
        sampler.scheduleAtFixedRate(this::sampleHeap, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @param jar the service's packaged jar
     * @param workDir its working directory (connectors/, routes/ and var/ are relative to it)
     * @param maxHeap the JVM's -Xmx, e.g. {@code 2g}
     * @param arguments the service's own arguments ({@code --key=value})
     */
    static ServiceProcess start(Path jar, Path workDir, String maxHeap, int httpPort, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-jar", jar.toAbsolutePath().toString(), "--server.port=" + httpPort));
        command.addAll(arguments);
        Path output = workDir.resolve("service.out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ServiceProcess(process, httpPort);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the service answers on its health endpoint, whatever it says. */
    void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + " while starting; see service.out");
            }
            try {
                get("/actuator/health");
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the service did not answer within " + timeout + "; see service.out");
    }

    /** GET on the service's HTTP port; the body as JSON, whatever the status. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private void sampleHeap() {
        try {
            JsonNode used = get("/actuator/metrics/jvm.memory.used?tag=area:heap");
            long bytes = used.path("measurements").path(0).path("value").asLong();
            peakHeap.accumulateAndGet(bytes, Math::max);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // not up yet or already stopping: the next sample counts
        }
    }

    /** The CPU time (user and system, all threads) the service's JVM has used so far, in seconds; 0 where not known. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /** The largest heap in use seen by the once-a-second sampler, in bytes. */
    long peakHeapBytes() {
        return peakHeap.get();
    }

    /** The operating system's peak resident set of the service's JVM (VmHWM), in bytes; 0 where not known. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Stops the service as an operator would (SIGTERM), forcibly after a minute. */
    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
