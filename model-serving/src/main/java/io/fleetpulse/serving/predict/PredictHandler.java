package io.fleetpulse.serving.predict;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import io.fleetpulse.serving.http.Json;
import io.fleetpulse.serving.http.RequestBodies;
import io.fleetpulse.serving.models.ModelRegistry;
import io.fleetpulse.serving.models.RegistryView;
import io.fleetpulse.serving.models.ServedModels;
import io.fleetpulse.serving.models.UnknownModelException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prediction endpoints. {@code POST /v1/models/{model}/predict[?version=N]} predicts with one
 * model; {@code POST /v1/predict} with all three. The body is one vector (a JSON object with the
 * Avro FeatureVector field names, or {@code {"inputs":[...]}} in the model's input order) or a JSON
 * array of them (a batch). Each request takes one registry view at its start, so a batch and every
 * part of an answer use the versions served at that moment, named in the answer.
 */
public final class PredictHandler {

    /** Header naming the version a single-model answer used. */
    public static final String VERSION_HEADER = "X-Model-Version";

    static final String INPUTS = "inputs";

    private final ModelRegistry registry;
    private final ServedModels served;
    private final RequestBodies bodies;
    private final int maxBatch;
    private final Map<ModelKind, Set<String>> required = new EnumMap<>(ModelKind.class);

    public PredictHandler(
            ModelRegistry registry, ServedModels served, RequestBodies bodies, int maxBatch) {
        this.registry = registry;
        this.served = served;
        this.bodies = bodies;
        this.maxBatch = maxBatch;
        for (ModelKind k : ModelKind.values()) {
            required.put(k, FeatureVectorJson.requiredFields(k.inputs()));
        }
    }

    /** {@code POST /v1/models/{model}/predict}. */
    public void oneModel(Context ctx) {
        String name = ctx.pathParam("model");
        String versionParam = ctx.queryParam("version");
        RegistryView view = registry.current();
        ServableModel model = served.of(snapshot(view, name, versionParam));
        JsonNode body = bodies.json(ctx);
        ctx.header(VERSION_HEADER, Long.toString(model.version()));
        if (body.isArray()) {
            List<JsonNode> items = batch(body);
            List<Prediction> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                try {
                    out.add(predict(model, items.get(i)));
                } catch (ApiException e) {
                    throw e.at(i);
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("model", name);
            answer.put("version", model.version());
            answer.put("count", out.size());
            answer.put("predictions", out);
            respond(ctx, answer);
        } else {
            respond(ctx, predict(model, body));
        }
    }

    /** {@code POST /v1/predict}: every model on each vector. */
    public void allModels(Context ctx) {
        RegistryView view = registry.current();
        List<ServableModel> models = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            models.add(served.of(snapshot(view, k.modelName(), null)));
        }
        JsonNode body = bodies.json(ctx);
        if (body.isArray()) {
            List<JsonNode> items = batch(body);
            List<Map<String, Prediction>> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                try {
                    out.add(predictAll(models, items.get(i)));
                } catch (ApiException e) {
                    throw e.at(i);
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            Map<String, Long> versions = new LinkedHashMap<>();
            models.forEach(m -> versions.put(m.kind().modelName(), m.version()));
            answer.put("versions", versions);
            answer.put("count", out.size());
            answer.put("results", out);
            respond(ctx, answer);
        } else {
            respond(ctx, Map.of("predictions", predictAll(models, body)));
        }
    }

    private Map<String, Prediction> predictAll(List<ServableModel> models, JsonNode node) {
        FeatureVector v = FeatureVectorJson.read(node, required.get(ModelKind.ANOMALY));
        Map<String, Prediction> out = new LinkedHashMap<>();
        for (ServableModel m : models) {
            out.put(m.kind().modelName(), Prediction.of(m, v, true));
        }
        return out;
    }

    private Prediction predict(ServableModel model, JsonNode node) {
        if (node != null && node.isObject() && node.has(INPUTS)) {
            return Prediction.ofInputs(model, RawInputs.read(node, model.inputs()));
        }
        FeatureVector v = FeatureVectorJson.read(node, required.get(model.kind()));
        boolean targetKnown =
                model.kind()
                        .target()
                        .map(t -> node.hasNonNull(FeatureColumns.sourceField(t)))
                        .orElse(false);
        return Prediction.of(model, v, targetKnown);
    }

    private List<JsonNode> batch(JsonNode array) {
        if (array.isEmpty()) {
            throw new ApiException(ApiError.EMPTY_BATCH, "the batch holds no vectors");
        }
        if (array.size() > maxBatch) {
            throw new ApiException(
                    ApiError.TOO_LARGE,
                    "a batch holds at most " + maxBatch + " vectors, this one " + array.size());
        }
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    /** The snapshot to use: the served one, or {@code version} when given. */
    static ModelSnapshot snapshot(RegistryView view, String name, String version) {
        try {
            if (version == null) {
                return view.served(name);
            }
            long v;
            try {
                v = Long.parseLong(version);
            } catch (NumberFormatException e) {
                throw new ApiException(
                        ApiError.INVALID, "version", -1, "version must be a whole number");
            }
            return view.model(name).version(v);
        } catch (UnknownModelException e) {
            throw Problems.of(e);
        }
    }

    private static void respond(Context ctx, Object answer) {
        ctx.contentType(Json.CONTENT_TYPE).result(Json.write(answer));
    }
}
