package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth, readiness, pins across restarts and metrics. */
class AuthAndStateTest extends ServingTestBase {

    @TempDir Path state;

    @Test
    void everythingButHealthNeedsAKnownBearerToken() {
        try (ModelServing s = start(state)) {
            offerAll(s, 1);
            ServingClient anonymous = client(s).withToken(null);
            ServingClient wrong = client(s).withToken("not-the-token");
            for (ServingClient c : new ServingClient[] {anonymous, wrong}) {
                for (String path : new String[] {"/v1/models", "/metrics", "/v1/alerts/stream"}) {
                    ServingClient.Answer a = c.get(path);
                    assertThat(a.status()).as(path).isEqualTo(401);
                    assertThat(a.reason()).isEqualTo("UNAUTHORIZED");
                    assertThat(a.raw().headers().firstValue("WWW-Authenticate")).isPresent();
                }
                assertThat(c.post("/v1/predict", json(vector(1))).status()).isEqualTo(401);
                assertThat(c.delete("/v1/models/fuel-rate/pin").status()).isEqualTo(401);
            }
            assertThat(anonymous.get("/health").status()).isEqualTo(200);
            assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
            assertThat(wrong.get("/health").json().get("status").asText()).isEqualTo("UP");
            assertThat(client(s).get("/v1/models").status()).isEqualTo(200);
        }
    }

    @Test
    void readyOnlyWhenEveryModelHasAVersion() {
        try (ModelServing s = start(state)) {
            ServingClient c = client(s);
            ServingClient.Answer before = c.get("/health/ready");
            assertThat(before.status()).isEqualTo(503);
            assertThat(before.json().get("missing").toString()).contains("fuel-rate");
            s.registry().offer(snapshot(io.fleetpulse.learner.servable.ModelKind.FUEL_RATE, 1));
            assertThat(c.get("/health/ready").status()).isEqualTo(503);
            assertThat(c.post("/v1/predict", json(vector(1))).status()).isEqualTo(503);
            offerAll(s, 2);
            ServingClient.Answer after = c.get("/health/ready");
            assertThat(after.status()).as(after.text()).isEqualTo(200);
            assertThat(after.json().get("models").get("anomaly-ae").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aPinSurvivesARestartAndUnpinReturnsToTheNewest() {
        try (ModelServing s = start(state)) {
            offerAll(s, 1);
            offerAll(s, 2);
            ServingClient c = client(s);
            ServingClient.Answer pinned = c.put("/v1/models/fuel-rate/pin", "{\"version\":1}");
            assertThat(pinned.status()).as(pinned.text()).isEqualTo(200);
            assertThat(pinned.json().get("servedVersion").asLong()).isEqualTo(1);
            offerAll(s, 3);
            assertThat(predictVersion(c, "fuel-rate")).isEqualTo(1);
            assertThat(predictVersion(c, "brake-wear")).isEqualTo(3);
        }
        try (ModelServing s = start(state)) {
            ServingClient c = client(s);
            // Served at once after the restart, before the models topic gives anything.
            assertThat(predictVersion(c, "fuel-rate")).isEqualTo(1);
            offerAll(s, 4);
            assertThat(predictVersion(c, "fuel-rate")).isEqualTo(1);
            JsonNode fuel = c.get("/v1/models/fuel-rate").json();
            assertThat(fuel.get("pin").get("version").asLong()).isEqualTo(1);
            ServingClient.Answer unpinned = c.delete("/v1/models/fuel-rate/pin");
            assertThat(unpinned.status()).isEqualTo(200);
            assertThat(predictVersion(c, "fuel-rate")).isEqualTo(4);
        }
        try (ModelServing s = start(state)) {
            assertThat(client(s).get("/v1/models").json().get("models")).isEmpty();
        }
    }

    @Test
    void metricsShowVersionsSwapsAndRequestsPerEndpoint() {
        try (ModelServing s = start(state)) {
            ServingClient c = client(s);
            offerAll(s, 1);
            offerAll(s, 2);
            c.post("/v1/models/fuel-rate/predict", json(vector(1)));
            c.put("/v1/models/fuel-rate/pin", "{\"version\":1}");
            String text = c.get("/metrics").text();
            Map<String, String> lines = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (!line.startsWith("#") && line.contains(" ")) {
                    lines.put(
                            line.substring(0, line.lastIndexOf(' ')),
                            line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            assertThat(lines)
                    .containsEntry("fleet_serving_model_version{model=\"fuel-rate\"}", "1.0");
            assertThat(lines)
                    .containsEntry("fleet_serving_model_version{model=\"brake-wear\"}", "2.0");
            assertThat(lines)
                    .containsEntry("fleet_serving_model_swaps_total{model=\"fuel-rate\"}", "2.0");
            assertThat(lines)
                    .containsEntry("fleet_serving_model_swaps_total{model=\"brake-wear\"}", "1.0");
            assertThat(lines.keySet())
                    .anyMatch(
                            k ->
                                    k.startsWith("fleet_serving_http_requests_seconds_count{")
                                            && k.contains("route=\"/v1/models/{model}/predict\"")
                                            && k.contains("status=\"200\""));
            assertThat(lines.keySet())
                    .anyMatch(
                            k ->
                                    k.startsWith(
                                            "fleet_serving_model_since_update_seconds{model=\"fuel-rate\"}"));
        }
    }

    private static long predictVersion(ServingClient c, String model) {
        ServingClient.Answer a = c.post("/v1/models/" + model + "/predict", json(vector(1)));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json().get("version").asLong();
    }
}
