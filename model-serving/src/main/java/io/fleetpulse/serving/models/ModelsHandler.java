package io.fleetpulse.serving.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import io.fleetpulse.serving.http.Json;
import io.fleetpulse.serving.http.RequestBodies;
import io.fleetpulse.serving.predict.Problems;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The model endpoints: {@code GET /v1/models} (every model with its served version, pin, kept
 * versions, training metrics and age), {@code GET /v1/models/{model}}, {@code GET
 * /v1/models/{model}/versions/{version}}, {@code PUT /v1/models/{model}/pin} with {@code
 * {"version":N}} and {@code DELETE /v1/models/{model}/pin} (rollback and back).
 */
public final class ModelsHandler {

    private final ModelRegistry registry;
    private final RequestBodies bodies;
    private final Clock clock;
    private final Consumer<RegistryView> onChange;

    /**
     * @param onChange told the registry's state after a pin or unpin (metrics, cache)
     */
    public ModelsHandler(
            ModelRegistry registry,
            RequestBodies bodies,
            Clock clock,
            Consumer<RegistryView> onChange) {
        this.registry = registry;
        this.bodies = bodies;
        this.clock = clock;
        this.onChange = onChange;
    }

    public void list(Context ctx) {
        RegistryView view = registry.current();
        List<Object> models = new ArrayList<>();
        for (ModelVersions m : view.models().values()) {
            models.add(describe(m));
        }
        respond(ctx, Map.of("models", models));
    }

    public void one(Context ctx) {
        respond(ctx, describe(model(registry.current(), ctx.pathParam("model"))));
    }

    public void version(Context ctx) {
        ModelVersions m = model(registry.current(), ctx.pathParam("model"));
        long v = parseVersion(ctx.pathParam("version"));
        try {
            respond(ctx, describe(m.version(v), m));
        } catch (UnknownModelException e) {
            throw Problems.of(e);
        }
    }

    public void pin(Context ctx) {
        String name = ctx.pathParam("model");
        JsonNode body = bodies.json(ctx);
        JsonNode version = body.get("version");
        if (version == null || version.isNull()) {
            throw new ApiException(
                    ApiError.MISSING, "version", -1, "say which version: {\"version\": N}");
        }
        if (!version.canConvertToLong() || !version.isIntegralNumber()) {
            throw new ApiException(
                    ApiError.NON_NUMERIC, "version", -1, "version must be a whole number");
        }
        try {
            registry.pin(name, version.longValue());
        } catch (UnknownModelException e) {
            throw Problems.of(e);
        }
        onChange.accept(registry.current());
        respond(ctx, describe(registry.current().model(name)));
    }

    public void unpin(Context ctx) {
        String name = ctx.pathParam("model");
        try {
            registry.unpin(name);
        } catch (UnknownModelException e) {
            throw Problems.of(e);
        }
        onChange.accept(registry.current());
        respond(ctx, describe(registry.current().model(name)));
    }

    private static ModelVersions model(RegistryView view, String name) {
        try {
            return view.model(name);
        } catch (UnknownModelException e) {
            throw Problems.of(e);
        }
    }

    private static long parseVersion(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiException(
                    ApiError.INVALID, "version", -1, "version must be a whole number: " + text);
        }
    }

    private Map<String, Object> describe(ModelVersions m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", m.name());
        Long servedVersion;
        try {
            servedVersion = m.served().version();
        } catch (UnknownModelException e) {
            servedVersion = null;
        }
        out.put("servedVersion", servedVersion);
        out.put(
                "pin",
                m.pin()
                        .map(
                                p ->
                                        Map.of(
                                                "version",
                                                p.version(),
                                                "pinnedAt",
                                                p.pinnedAt().toString()))
                        .orElse(null));
        out.put("updatedAt", m.updatedAt().map(Instant::toString).orElse(null));
        out.put(
                "secondsSinceUpdate",
                m.updatedAt().map(t -> seconds(Duration.between(t, clock.instant()))).orElse(null));
        ModelKind.forModelName(m.name())
                .ifPresent(
                        k -> {
                            out.put("target", k.target().orElse(null));
                            out.put("inputs", k.inputs());
                        });
        List<Object> versions = new ArrayList<>();
        for (ModelSnapshot s : m.versions()) {
            versions.add(describe(s, m));
        }
        out.put("versions", versions);
        return out;
    }

    private Map<String, Object> describe(ModelSnapshot s, ModelVersions m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", s.version());
        out.put("createdAt", s.createdAt().toString());
        out.put("ageSeconds", seconds(Duration.between(s.createdAt(), clock.instant())));
        out.put("round", s.round());
        out.put("replicas", s.replicas());
        out.put("sampleCount", s.sampleCount());
        out.put("metrics", finiteOnly(s.metrics()));
        out.put("pinned", m.pin().map(p -> p.version() == s.version()).orElse(false));
        return out;
    }

    /** JSON has no NaN: non-finite metrics are written as text. */
    private static Map<String, Object> finiteOnly(Map<String, Double> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : v.toString()));
        return out;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void respond(Context ctx, Object answer) {
        ctx.contentType(Json.CONTENT_TYPE).result(Json.write(answer));
    }
}
