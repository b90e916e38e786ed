package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.serving.http.Json;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is a 4xx JSON error naming field and reason; the server stays up. */
class BadInputTest extends ServingTestBase {

    private static final String FUEL = "/v1/models/fuel-rate/predict";

    @TempDir Path state;
    private ModelServing serving;
    private ServingClient client;

    @BeforeEach
    void start() {
        serving = start(state);
        client = client(serving);
        offerAll(serving, 1);
    }

    @AfterEach
    void stop() {
        // After every bad request the server still answers a good one.
        ServingClient.Answer good = client.post(FUEL, json(vector(9)));
        assertThat(good.status()).as(good.text()).isEqualTo(200);
        assertThat(client.get("/health").status()).isEqualTo(200);
        serving.close();
    }

    private static Map<String, Object> vectorWith(String field, Object value) {
        Map<String, Object> v = json(vector(1));
        v.put(field, value);
        return v;
    }

    private void assertRefused(ServingClient.Answer a, int status, String reason, String field) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith(Json.CONTENT_TYPE);
        assertThat(a.reason()).isEqualTo(reason);
        assertThat(a.field()).isEqualTo(field);
        assertThat(a.json().get("error").asText()).isNotBlank();
    }

    @Test
    void aMissingFieldIsNamed() {
        Map<String, Object> v = json(vector(1));
        v.remove("speedMean");
        assertRefused(client.post(FUEL, v), 400, "MISSING", "speedMean");
        assertRefused(
                client.post(FUEL, vectorWith("engineRpmMax", null)),
                400,
                "MISSING",
                "engineRpmMax");
    }

    @Test
    void aNonNumericFieldIsNamed() {
        assertRefused(
                client.post(FUEL, vectorWith("speedMean", "fast")),
                400,
                "NON_NUMERIC",
                "speedMean");
        assertRefused(
                client.post(FUEL, vectorWith("harshBrakeCount", 1.5)),
                400,
                "INVALID",
                "harshBrakeCount");
    }

    @Test
    void nanAndInfinityAreNamed() {
        String body =
                Json.write(vectorWith("speedMean", 0.123456789)).replace("0.123456789", "NaN");
        assertRefused(client.post(FUEL, body), 400, "NOT_FINITE", "speedMean");
        String huge =
                Json.write(vectorWith("speedMax", 0.987654321)).replace("0.987654321", "1e400");
        assertRefused(client.post(FUEL, huge), 400, "NOT_FINITE", "speedMax");
    }

    @Test
    void aWrongLengthInputVectorIsRefusedWithTheExpectedLength() {
        ServingClient.Answer a = client.post(FUEL, Map.of("inputs", List.of(1.0, 2.0, 3.0)));
        assertRefused(a, 400, "WRONG_LENGTH", "inputs");
        assertThat(a.json().get("error").asText()).contains("got 3");
        int last = io.fleetpulse.learner.servable.ModelKind.FUEL_RATE.inputs().size() - 1;
        ServingClient.Answer nan = client.post(FUEL, "{\"inputs\":[" + "1,".repeat(last) + "NaN]}");
        assertRefused(nan, 400, "NOT_FINITE", "inputs[" + last + "]");
    }

    @Test
    void anEmptyBatchAndAnOversizedOneAreRefused() {
        assertRefused(client.post(FUEL, "[]"), 400, "EMPTY_BATCH", null);
        assertRefused(client.post("/v1/predict", "[]"), 400, "EMPTY_BATCH", null);
        List<Map<String, Object>> big =
                java.util.Collections.nCopies(101, Map.of("inputs", List.of(1)));
        assertRefused(client.post(FUEL, big), 413, "TOO_LARGE", null);
    }

    @Test
    void aBadVectorInABatchIsNamedByIndex() {
        ServingClient.Answer a =
                client.post(FUEL, List.of(json(vector(1)), vectorWith("speedMean", "x")));
        assertRefused(a, 400, "NON_NUMERIC", "speedMean");
        assertThat(a.json().get("index").asInt()).isEqualTo(1);
    }

    @Test
    void aHugeBodyIs413AndMalformedJsonOrTypeAre4xx() {
        String huge = "[" + "1,".repeat(300_000) + "1]";
        assertRefused(client.post(FUEL, huge), 413, "TOO_LARGE", null);
        assertRefused(client.post(FUEL, "{\"speedMean\": "), 400, "MALFORMED", null);
        assertRefused(client.post(FUEL, "42"), 400, "MALFORMED", null);
        assertRefused(client.post(FUEL, vectorWith("speeed", 1)), 400, "UNKNOWN_FIELD", "speeed");
        assertRefused(
                client.post(FUEL, vectorWith("windowEnd", json(vector(1)).get("windowStart"))),
                400,
                "INVALID",
                "windowEnd");
        ServingClient.Answer xml =
                client.send(
                        client.builder(FUEL)
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString("<v/>")));
        assertRefused(xml, 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertRefused(client.get("/v1/nothing"), 404, "NOT_FOUND", null);
    }

    @Test
    void badPinRequestsAreRefused() {
        assertRefused(client.put("/v1/models/fuel-rate/pin", "{}"), 400, "MISSING", "version");
        assertRefused(
                client.put("/v1/models/fuel-rate/pin", "{\"version\":\"one\"}"),
                400,
                "NON_NUMERIC",
                "version");
        assertRefused(
                client.put("/v1/models/fuel-rate/pin", "{\"version\":7}"),
                404,
                "UNKNOWN_VERSION",
                null);
        assertRefused(
                client.put("/v1/models/nope/pin", "{\"version\":1}"), 404, "UNKNOWN_MODEL", null);
    }
}
