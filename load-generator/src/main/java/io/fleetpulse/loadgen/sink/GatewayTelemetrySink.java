package io.fleetpulse.loadgen.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sends telemetry through the ingest gateway: batches of events POSTed to {@code /v1/telemetry}
 * (Avro frames or JSON, per the gateway API), a bounded number of requests in flight. An event
 * counts as acknowledged when the gateway's answer lists it as accepted (the gateway answers only
 * after Kafka acknowledged it); latency runs from the event's intended send time to that answer.
 * Refused events count as rejected, failed requests as failed. Not thread-safe (one sending
 * thread); responses are handled on the HTTP client's threads.
 */
public final class GatewayTelemetrySink implements TelemetrySink {

    /** The gateway's telemetry endpoint, relative to its base URL. */
    public static final String PATH = "/v1/telemetry";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ERROR_BODY_CHARS = 300;

    private final URI endpoint;
    private final GatewayFormat format;
    private final int batchEvents;
    private final long lingerNanos;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final SendStats stats;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Function<TelemetryEvent, byte[]> encoder = TelemetryEncoder.best();
    private final AtomicLong requestIds = new AtomicLong();
    private final TelemetryEvent scratch = new TelemetryEvent();
    private GatewayBatch batch;
    private long batchStartNanos;

    /**
     * @param baseUrl the gateway, e.g. {@code http://127.0.0.1:18088}
     * @param batchEvents events per request
     * @param linger longest time a partly filled batch waits for more events
     * @param maxInFlight requests awaiting an answer at most; more sends wait
     */
    public GatewayTelemetrySink(
            URI baseUrl,
            GatewayFormat format,
            int batchEvents,
            Duration linger,
            int maxInFlight,
            SendStats stats) {
        if (batchEvents < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size and requests in flight must be >= 1");
        }
        String base = baseUrl.toString();
        this.endpoint =
                URI.create(
                        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        this.format = format;
        this.batchEvents = batchEvents;
        this.lingerNanos = linger.toNanos();
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.stats = stats;
        this.executor =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "gateway-sink");
                            t.setDaemon(true);
                            return t;
                        });
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .executor(executor)
                        .build();
    }

    @Override
    public void send(TelemetryMessage message, long intendedNanos) throws InterruptedException {
        message.fill(scratch);
        send(scratch, intendedNanos);
    }

    @Override
    public void send(TelemetryEvent event, long intendedNanos) throws InterruptedException {
        long now = System.nanoTime();
        if (batch == null) {
            batch = new GatewayBatch(format, encoder, batchEvents);
            batchStartNanos = now;
        }
        batch.add(event, intendedNanos);
        if (batch.count() >= batchEvents || now - batchStartNanos >= lingerNanos) {
            submit();
        }
    }

    private void submit() throws InterruptedException {
        GatewayBatch full = batch;
        batch = null;
        if (full == null || full.count() == 0) {
            return;
        }
        byte[] body = full.body();
        inFlight.acquire();
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", format.contentType())
                        .header("X-Request-Id", "sim-" + requestIds.incrementAndGet())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete(
                            (response, error) -> {
                                try {
                                    handle(full, response, error);
                                } finally {
                                    inFlight.release();
                                }
                            });
        } catch (RuntimeException e) {
            inFlight.release();
            stats.failed(full.count(), e.toString());
        }
    }

    private void handle(GatewayBatch sent, HttpResponse<byte[]> response, Throwable error) {
        long now = System.nanoTime();
        int n = sent.count();
        if (error != null) {
            stats.failed(n, "POST " + endpoint + ": " + error);
            return;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            stats.failed(
                    n,
                    "HTTP "
                            + response.statusCode()
                            + " from "
                            + endpoint
                            + ": "
                            + text.substring(0, Math.min(ERROR_BODY_CHARS, text.length())));
            return;
        }
        try {
            JsonNode results = JSON.readTree(text).path("results");
            if (!results.isArray() || results.size() != n) {
                stats.failed(n, "gateway answer without one result per event: " + text);
                return;
            }
            int rejected = 0;
            for (JsonNode result : results) {
                int index = result.path("index").asInt(-1);
                if (index < 0 || index >= n) {
                    continue;
                }
                if ("accepted".equals(result.path("status").asText())) {
                    stats.acked(sent.eventBytes(index), now - sent.intendedNanos(index));
                } else {
                    rejected++;
                }
            }
            stats.rejected(rejected);
        } catch (IOException e) {
            stats.failed(n, "unreadable gateway answer: " + e.getMessage());
        }
    }

    @Override
    public void flush() throws InterruptedException {
        submit();
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
