package io.fleetpulse.serving;

import io.fleetpulse.ingest.http.JavalinServers;
import io.fleetpulse.serving.alerts.AlertStreams;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import io.fleetpulse.serving.http.Json;
import io.fleetpulse.serving.http.RequestBodies;
import io.fleetpulse.serving.http.ServingMetrics;
import io.fleetpulse.serving.models.ModelRegistry;
import io.fleetpulse.serving.models.ModelsHandler;
import io.fleetpulse.serving.models.RegistryView;
import io.fleetpulse.serving.models.ServedModels;
import io.fleetpulse.serving.predict.PredictHandler;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * model-serving's HTTP server (Javalin, 127.0.0.1): the {@code /v1} endpoints behind bearer-token
 * auth, {@code /health} and {@code /health/ready} open, {@code /metrics} for Prometheus. Every
 * refusal is a JSON object with a reason; no exception escapes a request and no stack trace leaves
 * the server.
 */
final class ServingServer implements AutoCloseable {

    static final String HEALTH = "/health";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ServingServer.class);

    private final Javalin app;

    ServingServer(
            ServingSettings settings,
            ModelRegistry registry,
            ServedModels served,
            PrometheusMeterRegistry meters,
            ServingMetrics metrics,
            AlertStreams alerts,
            Supplier<List<String>> readiness,
            Consumer<RegistryView> onChange,
            Clock clock) {
        RequestBodies bodies = new RequestBodies(settings.maxBodyBytes());
        PredictHandler predict = new PredictHandler(registry, served, bodies, settings.maxBatch());
        ModelsHandler models = new ModelsHandler(registry, bodies, clock, onChange);
        app = create(settings, metrics);
        app.before(
                ctx -> {
                    if (!ctx.path().equals(HEALTH) && !ctx.path().equals(READY)) {
                        settings.auth().check(ctx);
                    }
                });
        app.get(HEALTH, ctx -> respond(ctx, 200, Map.of("status", "UP")));
        app.get(READY, ctx -> ready(ctx, registry, readiness.get()));
        app.get(METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape()));
        app.get("/v1/models", models::list);
        app.get("/v1/models/{model}", models::one);
        app.get("/v1/models/{model}/versions/{version}", models::version);
        app.put("/v1/models/{model}/pin", models::pin);
        app.delete("/v1/models/{model}/pin", models::unpin);
        app.post("/v1/models/{model}/predict", predict::oneModel);
        app.post("/v1/predict", predict::allModels);
        if (alerts != null) {
            app.before(AlertStreams.PATH, alerts::prepare);
            app.sse(AlertStreams.PATH, alerts::stream);
        } else {
            app.get(
                    AlertStreams.PATH,
                    ctx -> {
                        throw new ApiException(
                                ApiError.UNAVAILABLE, "this server runs without Kafka: no alerts");
                    });
        }
    }

    private static Javalin create(ServingSettings settings, ServingMetrics metrics) {
        Javalin app =
                JavalinServers.create(
                        settings.host(),
                        settings.port(),
                        settings.maxBodyBytes(),
                        settings.stopTimeout(),
                        metrics::request);
        app.exception(ApiException.class, (e, ctx) -> refuse(ctx, e));
        app.exception(
                HttpResponseException.class,
                (e, ctx) ->
                        refuse(ctx, new ApiException(fromStatus(e.getStatus()), e.getMessage())));
        app.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                    refuse(
                            ctx,
                            new ApiException(ApiError.INTERNAL, "internal error (see the log)"));
                });
        app.error(
                404,
                ctx -> {
                    if (!Json.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                        refuse(
                                ctx,
                                new ApiException(
                                        ApiError.NOT_FOUND, "no such endpoint: " + ctx.path()));
                    }
                });
        app.error(
                405,
                ctx -> {
                    if (!Json.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                        refuse(
                                ctx,
                                new ApiException(
                                        ApiError.METHOD_NOT_ALLOWED,
                                        ctx.method() + " is not allowed on " + ctx.path()));
                    }
                });
        return app;
    }

    private static void ready(Context ctx, ModelRegistry registry, List<String> missing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", missing.isEmpty() ? "READY" : "NOT_READY");
        Map<String, Long> versions = new LinkedHashMap<>();
        registry.current()
                .models()
                .forEach(
                        (name, m) -> {
                            try {
                                versions.put(name, m.served().version());
                            } catch (RuntimeException e) {
                                versions.put(name, null);
                            }
                        });
        body.put("models", versions);
        if (!missing.isEmpty()) {
            body.put("missing", missing);
        }
        respond(ctx, missing.isEmpty() ? 200 : 503, body);
    }

    private static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(Json.write(body));
    }

    private static void refuse(Context ctx, ApiException e) {
        ctx.status(e.error().status()).contentType(Json.CONTENT_TYPE).result(Json.error(e));
    }

    private static ApiError fromStatus(int status) {
        return switch (status) {
            case 400 -> ApiError.MALFORMED;
            case 401 -> ApiError.UNAUTHORIZED;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            case 413 -> ApiError.TOO_LARGE;
            case 415 -> ApiError.UNSUPPORTED_MEDIA_TYPE;
            default -> ApiError.INTERNAL;
        };
    }

    void start() {
        app.start();
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
