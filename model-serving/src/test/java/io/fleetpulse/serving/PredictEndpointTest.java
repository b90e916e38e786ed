package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelScore;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictEndpointTest extends ServingTestBase {

    @TempDir Path state;
    private ModelServing serving;
    private ServingClient client;

    @BeforeEach
    void start() {
        serving = start(state);
        client = client(serving);
        offerAll(serving, 3);
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    @Test
    void eachModelPredictsBitForBitAsTheLearnersServableModelWithTheVersionNamed() {
        FeatureVector v = vector(1);
        for (ModelKind k : ModelKind.values()) {
            ModelScore expected =
                    ServableModel.of(ModelSnapshot.fromBytes(snapshot(k, 3).toBytes())).score(v);
            ServingClient.Answer a =
                    client.post("/v1/models/" + k.modelName() + "/predict", json(v));
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            assertThat(a.json().get("version").asLong()).isEqualTo(3);
            assertThat(a.raw().headers().firstValue("X-Model-Version")).hasValue("3");
            assertThat(a.json().get("score").doubleValue()).isEqualTo(expected.score());
            if (k.isRegressor()) {
                assertThat(a.json().get("prediction").doubleValue())
                        .isEqualTo(expected.predicted());
                assertThat(a.json().get("actual").doubleValue()).isEqualTo(expected.actual());
            }
        }
    }

    @Test
    void withoutTheTargetARegressorGivesOnlyItsPrediction() {
        FeatureVector v = vector(2);
        Map<String, Object> body = json(v);
        body.remove("fuelRateMean");
        ServableModel fuel = ServableModel.of(snapshot(ModelKind.FUEL_RATE, 3));
        ServingClient.Answer a = client.post("/v1/models/fuel-rate/predict", body);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("prediction").doubleValue())
                .isEqualTo(fuel.predict(FeatureColumns.read(v, fuel.inputs())));
        assertThat(a.json().has("score")).isFalse();
    }

    @Test
    void rawInputsInTheModelsOrderGiveTheSamePrediction() {
        FeatureVector v = vector(3);
        ServableModel brake = ServableModel.of(snapshot(ModelKind.BRAKE_WEAR, 3));
        double[] inputs = FeatureColumns.read(v, brake.inputs());
        List<Double> values = new ArrayList<>();
        for (double x : inputs) {
            values.add(x);
        }
        ServingClient.Answer a =
                client.post("/v1/models/brake-wear/predict", Map.of("inputs", values));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("prediction").doubleValue()).isEqualTo(brake.predict(inputs));
        assertThat(client.get("/v1/models/brake-wear").json().get("inputs").size())
                .isEqualTo(inputs.length);
    }

    @Test
    void aBatchIsAnsweredInOrderByOneVersion() {
        List<Map<String, Object>> batch = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        ServableModel ae = ServableModel.of(snapshot(ModelKind.ANOMALY, 3));
        for (int i = 0; i < 20; i++) {
            FeatureVector v = vector(100 + i);
            batch.add(json(v));
            expected.add(ae.score(v).score());
        }
        ServingClient.Answer a = client.post("/v1/models/anomaly-ae/predict", batch);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("count").asInt()).isEqualTo(20);
        assertThat(a.json().get("version").asLong()).isEqualTo(3);
        List<Double> scores = new ArrayList<>();
        a.json().get("predictions").forEach(p -> scores.add(p.get("score").doubleValue()));
        assertThat(scores).isEqualTo(expected);
    }

    @Test
    void allModelsAtOnceForOneVectorAndForABatch() {
        FeatureVector v = vector(4);
        ServingClient.Answer one = client.post("/v1/predict", json(v));
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        JsonNode p = one.json().get("predictions");
        for (ModelKind k : ModelKind.values()) {
            assertThat(p.get(k.modelName()).get("version").asLong()).isEqualTo(3);
            assertThat(p.get(k.modelName()).get("score").doubleValue())
                    .isEqualTo(ServableModel.of(snapshot(k, 3)).score(v).score());
        }
        ServingClient.Answer batch = client.post("/v1/predict", List.of(json(v), json(vector(5))));
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.json().get("results")).hasSize(2);
        assertThat(batch.json().get("versions").get("fuel-rate").asLong()).isEqualTo(3);
    }

    @Test
    void anOlderKeptVersionCanBeAskedForAndAnUnknownOneIs404() {
        offerAll(serving, 4);
        FeatureVector v = vector(6);
        ServingClient.Answer old = client.post("/v1/models/fuel-rate/predict?version=3", json(v));
        assertThat(old.json().get("version").asLong()).isEqualTo(3);
        assertThat(
                        client.post("/v1/models/fuel-rate/predict", json(v))
                                .json()
                                .get("version")
                                .asLong())
                .isEqualTo(4);

        ServingClient.Answer gone = client.post("/v1/models/fuel-rate/predict?version=99", json(v));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.reason()).isEqualTo("UNKNOWN_VERSION");
        assertThat(gone.json().get("error").asText()).contains("kept versions: [4, 3]");

        ServingClient.Answer unknown = client.post("/v1/models/mystery/predict", json(v));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.reason()).isEqualTo("UNKNOWN_MODEL");
        assertThat(client.get("/v1/models/mystery").status()).isEqualTo(404);
        assertThat(client.get("/v1/models/fuel-rate/versions/99").reason())
                .isEqualTo("UNKNOWN_VERSION");
        assertThat(client.get("/v1/models/fuel-rate/versions/3").json().get("round").asLong())
                .isEqualTo(3);
    }

    @Test
    void modelsAreListedWithVersionsMetricsAndAge() {
        offerAll(serving, 4);
        ServingClient.Answer a = client.get("/v1/models");
        assertThat(a.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        a.json().get("models").forEach(m -> byName.put(m.get("model").asText(), m));
        assertThat(byName).containsOnlyKeys("anomaly-ae", "brake-wear", "fuel-rate");
        JsonNode fuel = byName.get("fuel-rate");
        assertThat(fuel.get("servedVersion").asLong()).isEqualTo(4);
        assertThat(fuel.get("versions")).hasSize(2);
        JsonNode newest = fuel.get("versions").get(0);
        assertThat(newest.get("version").asLong()).isEqualTo(4);
        assertThat(newest.get("metrics").get("loss").asDouble()).isEqualTo(0.2);
        assertThat(newest.get("ageSeconds").asDouble()).isPositive();
        assertThat(fuel.get("secondsSinceUpdate").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(fuel.get("target").asText()).isEqualTo("fuelRateMean");
    }
}
