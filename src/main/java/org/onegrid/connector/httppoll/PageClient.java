package org.onegrid.connector.httppoll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.onegrid.connector.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One department API's HTTP requests, and the one place that decides what a failed request means: a connection
 * error, a timeout, a 5xx, 408 or 429 is repeated after a pause that doubles each time (or the API's
 * {@code Retry-After}), up to {@code retries} times; any other 4xx is a refusal that repeating cannot cure, a
 * {@linkplain ConnectorException#permanent permanent} failure. Logs the API's address without its query, never the
 * token.
 */
final class PageClient {

    private static final Logger log = LoggerFactory.getLogger(PageClient.class);
    private static final Duration PAUSE_SLICE = Duration.ofMillis(100);

    /** An answer with a success status. */
    record Answer(int status, byte[] body, String contentType) {}

    private final String connector;
    private final HttpPollSource source;
    private final HttpClient client;

    PageClient(String connector, HttpPollSource source) {
        this.connector = connector;
        this.source = source;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(source.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * GETs {@code uri}, repeating what may succeed later, pausing between attempts unless {@code stopping} says the
     * connector is being stopped.
     *
     * @throws ConnectorException permanent for a refusal, otherwise when every attempt failed
     */
    Answer get(URI uri, BooleanSupplier stopping) {
        Outcome outcome = null;
        for (int attempt = 0; attempt <= source.retries(); attempt++) {
            if (outcome != null) {
                pause(attempt, outcome, stopping);
            }
            outcome = once(uri);
            if (outcome.answer() != null) {
                if (attempt > 0) {
                    log.info("Connector {}: {} answered on attempt {}", connector, source.url(), attempt + 1);
                }
                return outcome.answer();
            }
            if (!outcome.retryable()) {
                throw ConnectorException.permanent(outcome.failure());
            }
            if (attempt < source.retries()) {
                log.warn("Connector {}: {} failed ({}); attempt {} of {}", connector, source.url(), outcome.failure(), attempt + 1,
                        source.retries() + 1);
            }
        }
        throw new ConnectorException(source.url() + " failed " + (source.retries() + 1) + " times (last: " + outcome.failure()
                + "); the same page is asked again at the next poll");
    }

    /** One attempt, without repeating. */
    Outcome once(URI uri) {
        return once(uri, source.readTimeout());
    }

    /** One attempt, allowed {@code timeout} for the answer (the start-up check is more patient than a poll). */
    Outcome once(URI uri, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", "application/json");
        if (source.token() != null) {
            String secret = source.token().resolve();
            request.header(source.authHeader(), source.authScheme().isEmpty() ? secret : source.authScheme() + " " + secret);
        }
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the headers; this covers a body that trickles in too.
            response = sent.get(timeout.plus(source.connectTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return Outcome.retry("no answer within " + timeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Outcome.retry(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new ConnectorException("interrupted while waiting for " + source.url());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.ok(new Answer(status, response.body(), response.headers().firstValue("Content-Type").orElse("application/octet-stream")));
        }
        if (status >= 500 || status == 408 || status == 429) {
            return Outcome.retry("HTTP " + status, response.headers().firstValue("Retry-After").flatMap(PageClient::seconds).orElse(null));
        }
        return Outcome.refused(status, refusal(status));
    }

    /** What a refusal means, and what to do about it. */
    private String refusal(int status) {
        String answered = source.url() + " answered HTTP " + status;
        return switch (status) {
            case 401 -> answered + " (Unauthorized): the API refused the credential"
                    + (source.token() == null ? "; no source.token is configured. Fix: set source.token to a reference to the department's token"
                    : " " + source.token() + ". Fix: put the department's current token in " + source.token()
                    + " (and check source.auth-header and source.auth-scheme), then restart the service");
            case 403 -> answered + " (Forbidden): the credential " + (source.token() == null ? "(none)" : source.token())
                    + " may not read this resource. Fix: ask the department to grant it, then restart the service";
            case 404 -> answered + " (Not Found). Fix: correct source.url, then restart the service";
            case 400 -> answered + " (Bad Request): the API did not accept the query. Fix: check source.since-param, source.page-param, "
                    + "source.page-size-param and source.page-size against the API's documentation, then restart the service";
            default -> answered + ". Fix: check source.url and the API's documentation, then restart the service";
        };
    }

    /** Before attempt {@code attempt} (1 = the first repetition): backoff × 2^(attempt-1), or the API's Retry-After. */
    private void pause(int attempt, Outcome last, BooleanSupplier stopping) {
        Duration pause = last.retryAfter() != null ? last.retryAfter() : source.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (pause.compareTo(source.maxBackoff()) > 0) {
            pause = source.maxBackoff();
        }
        long until = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < until) {
            if (stopping.getAsBoolean()) {
                throw new ConnectorException("stopped while waiting to repeat a request to " + source.url() + " (last: " + last.failure() + ")");
            }
            try {
                Thread.sleep(Math.min(PAUSE_SLICE.toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted while waiting to repeat a request to " + source.url());
            }
        }
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            // An HTTP date: the exponential pause is used instead.
            return Optional.empty();
        }
    }

    /**
     * What one attempt gave: an answer, or a failure that may pass ({@code retryable}), or a refusal.
     *
     * @param status the HTTP status of a refusal, 0 otherwise
     */
    record Outcome(Answer answer, String failure, boolean retryable, int status, Duration retryAfter) {

        static Outcome ok(Answer answer) {
            return new Outcome(answer, null, false, 0, null);
        }

        static Outcome retry(String failure, Duration retryAfter) {
            return new Outcome(null, failure, true, 0, retryAfter);
        }

        static Outcome refused(int status, String failure) {
            return new Outcome(null, failure, false, status, null);
        }
    }
}
