package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.http.JavalinServers;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import io.fleetpulse.ingest.wire.AvroWire;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-facing ingest gateway: an HTTP server (Javalin) with {@code POST /v1/telemetry},
 * {@code GET /health} and {@code GET /metrics} (Prometheus). Every error is a JSON object with a
 * reason; no stack trace leaves the server. {@link #close()} stops accepting requests, lets
 * in-flight ones finish, then flushes and closes the sink.
 */
public final class IngestGateway implements AutoCloseable {

    public static final String TELEMETRY_PATH = "/v1/telemetry";
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int MAX_REQUEST_ID_CHARS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);

    private final Javalin app;
    private final TelemetrySink sink;
    private final PrometheusMeterRegistry registry;
    private final String host;

    private IngestGateway(
            Javalin app, TelemetrySink sink, PrometheusMeterRegistry registry, String host) {
        this.app = app;
        this.sink = sink;
        this.registry = registry;
        this.host = host;
    }

    /**
     * Starts a gateway that owns {@code sink} (closing the gateway closes it, also if start fails).
     *
     * @param validator the value rules (clock, accepted time window)
     * @param clock stamps dead letters with their rejection time
     */
    public static IngestGateway start(
            GatewaySettings settings,
            TelemetryValidator validator,
            TelemetrySink sink,
            Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            GatewayMetrics metrics = new GatewayMetrics(registry);
            BatchChecker checker =
                    new BatchChecker(
                            validator, AvroWire.of(TelemetryEvent.class), settings.maxRecords());
            TelemetryHandler telemetry =
                    new TelemetryHandler(checker, sink, metrics, clock, settings.maxBodyBytes());
            Javalin app = create(settings, metrics);
            app.post(TELEMETRY_PATH, telemetry);
            app.get(
                    HEALTH_PATH,
                    ctx -> ctx.contentType(ResponseBodies.JSON).result(ResponseBodies.health()));
            app.get(
                    METRICS_PATH,
                    ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
            app.start();
            return new IngestGateway(app, sink, registry, settings.host());
        } catch (RuntimeException e) {
            sink.close();
            registry.close();
            throw e;
        }
    }

    private static Javalin create(GatewaySettings settings, GatewayMetrics metrics) {
        Javalin app =
                JavalinServers.create(
                        settings.host(),
                        settings.port(),
                        settings.maxBodyBytes(),
                        settings.stopTimeout(),
                        metrics::request);
        app.before(IngestGateway::echoRequestId);
        app.exception(
                RequestRefusedException.class,
                (e, ctx) -> refuse(ctx, metrics, e.error(), e.getMessage()));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> refuse(ctx, metrics, fromStatus(e.getStatus()), e.getMessage()));
        app.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                    refuse(
                            ctx,
                            metrics,
                            RequestError.INTERNAL,
                            "internal error (see the gateway log)");
                });
        app.error(
                404,
                ctx -> {
                    if (!ResponseBodies.JSON.equals(ctx.res().getContentType())) {
                        refuse(
                                ctx,
                                metrics,
                                RequestError.NOT_FOUND,
                                "no such endpoint: " + ctx.path());
                    }
                });
        return app;
    }

    /** Answers with {@code error}'s status and JSON body, and counts it. */
    static void refuse(Context ctx, GatewayMetrics metrics, RequestError error, String message) {
        metrics.refused(error);
        ctx.status(error.status())
                .contentType(ResponseBodies.JSON)
                .result(ResponseBodies.error(error, message));
    }

    private static RequestError fromStatus(int status) {
        return switch (status) {
            case 404 -> RequestError.NOT_FOUND;
            case 405 -> RequestError.METHOD_NOT_ALLOWED;
            case 413 -> RequestError.BODY_TOO_LARGE;
            case 415 -> RequestError.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> RequestError.MALFORMED;
            default -> RequestError.INTERNAL;
        };
    }

    private static void echoRequestId(Context ctx) {
        String id = ctx.header(REQUEST_ID_HEADER);
        if (id != null && !id.isEmpty() && id.length() <= MAX_REQUEST_ID_CHARS) {
            ctx.header(REQUEST_ID_HEADER, id);
        }
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        return URI.create("http://" + host + ":" + port());
    }

    /** The URI of {@code POST /v1/telemetry}. */
    public URI telemetryUri() {
        return baseUri().resolve(TELEMETRY_PATH);
    }

    /** The meters this gateway records (also served at {@code /metrics}). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Whether {@link #close()} has begun stopping the HTTP server (for tests of the stop). */
    boolean stopping() {
        return app.jettyServer().server().isStopping();
    }

    /**
     * Graceful stop: no new requests, in-flight ones answered, then the sink flushed and closed.
     */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            try {
                sink.close();
            } finally {
                registry.close();
            }
        }
    }
}
