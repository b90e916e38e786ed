package io.fleetpulse.ingest.gateway;

import static io.fleetpulse.ingest.gateway.GatewayClient.json;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.bareEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.clockAtNow;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.validatorAtNow;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.json.TelemetryJson;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's HTTP behaviour on a real server (random port) in front of a recording sink: status
 * codes, JSON bodies, what reaches the sink and when. Kafka itself is covered by the ITCase.
 */
class IngestGatewayTest {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_RECORDS = 20;
    private static final String JSON_TYPE = BatchFormat.JSON.mediaType();
    private static final String AVRO_TYPE = BatchFormat.AVRO.mediaType();

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
    private RecordingSink sink;
    private IngestGateway gateway;
    private GatewayClient client;

    @BeforeEach
    void start() {
        // No grace period by default: a graceful Jetty stop costs about a second per test.
        startWithStopTimeout(Duration.ZERO);
    }

    private void startWithStopTimeout(Duration stopTimeout) {
        sink = new RecordingSink();
        GatewaySettings settings =
                new GatewaySettings("127.0.0.1", 0, MAX_BODY_BYTES, MAX_RECORDS, stopTimeout);
        gateway = IngestGateway.start(settings, validatorAtNow(), sink, clockAtNow());
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void mixedJsonBatchAnswersPerRecordAndDeadLettersOnlyTheRejected() throws Exception {
        TelemetryEvent tooFast = fullEvent("VEH-0002", 2);
        Sensor.SPEED.set(tooFast, 301.0);
        String rejectedText = new String(TelemetryJson.toJson(tooFast), UTF_8);
        String unknownField = "{\"vehicleId\":\"VEH-0003\",\"colour\":\"red\"}";
        String body =
                "["
                        + new String(TelemetryJson.toJson(fullEvent("VEH-0001", 1)), UTF_8)
                        + ",\n  "
                        + rejectedText
                        + ","
                        + unknownField
                        + ","
                        + new String(TelemetryJson.toJson(bareEvent("VEH-0004", 4)), UTF_8)
                        + "]";

        HttpResponse<String> response = client.post(JSON_TYPE, body.getBytes(UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(2);
        JsonNode results = answer.get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("reason").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(results.get(1).get("field").asText()).isEqualTo("speedKmh");
        assertThat(results.get(1).get("detail").asText()).contains("301");
        assertThat(results.get(2).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(2).get("reason").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(results.get(3).get("index").asInt()).isEqualTo(3);

        assertThat(sink.sent()).containsExactly(fullEvent("VEH-0001", 1), bareEvent("VEH-0004", 4));
        List<DeadLetter> letters = sink.deadLetters();
        assertThat(letters)
                .extracting(DeadLetter::getReasonCode)
                .containsExactly("OUT_OF_RANGE", "UNKNOWN_FIELD");
        assertThat(payload(letters.get(0))).isEqualTo(rejectedText);
        assertThat(payload(letters.get(1))).isEqualTo(unknownField);
        assertThat(letters)
                .extracting(DeadLetter::getVehicleId)
                .containsExactly("VEH-0002", "VEH-0003");
        assertThat(letters)
                .allSatisfy(
                        l -> {
                            assertThat(l.getStage()).isEqualTo("gateway");
                            assertThat(l.getContentType()).isEqualTo("application/json");
                            assertThat(l.getRejectedAt()).isEqualTo(clockAtNow().millis());
                        });
    }

    @Test
    void avroBatchAcceptsValidFramesAndDeadLettersBadOnes() throws Exception {
        byte[] garbage = "definitely not avro".getBytes(UTF_8);
        byte[] unknownSchema = wire.encode(fullEvent("VEH-0003", 3));
        unknownSchema[5] ^= 0x55;
        TelemetryEvent stale = fullEvent("VEH-0004", 4);
        stale.setEventTime(0L);
        byte[] staleFrame = wire.encode(stale);
        byte[] body =
                AvroFrames.encode(
                        List.of(
                                wire.encode(fullEvent("VEH-0001", 1)),
                                garbage,
                                unknownSchema,
                                staleFrame,
                                wire.encode(bareEvent("VEH-0005", 5))));

        HttpResponse<String> response = client.post(AVRO_TYPE, body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response).get("results");
        assertThat(results)
                .extracting(r -> r.path("reason").asText("-"))
                .containsExactly("-", "MALFORMED", "UNKNOWN_SCHEMA", "STALE_TIMESTAMP", "-");
        assertThat(sink.sent()).containsExactly(fullEvent("VEH-0001", 1), bareEvent("VEH-0005", 5));
        List<DeadLetter> letters = sink.deadLetters();
        assertThat(letters)
                .extracting(l -> l.getPayload().array())
                .containsExactly(garbage, unknownSchema, staleFrame);
        assertThat(letters)
                .extracting(DeadLetter::getVehicleId)
                .containsExactly(null, null, "VEH-0004");
        assertThat(letters).extracting(DeadLetter::getContentType).containsOnly("avro/binary");
    }

    @Test
    void contentTypeParametersAreIgnored() throws Exception {
        byte[] body = TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1)));
        assertThat(client.post("Application/JSON; charset=UTF-8", body).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/octet-stream", "-"})
    void otherContentTypesAre415(String type) throws Exception {
        byte[] body = TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1)));

        HttpResponse<String> response = client.post(type.equals("-") ? null : type, body);

        assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < MAX_RECORDS; i++) {
            events.add(fullEvent("VEH-0001", i));
        }
        byte[] body = TelemetryJson.toJsonArray(events);
        byte[] padded = new byte[MAX_BODY_BYTES + 1];
        System.arraycopy(body, 0, padded, 0, body.length);
        java.util.Arrays.fill(padded, body.length, padded.length, (byte) ' ');

        assertError(client.post(JSON_TYPE, padded), 413, "BODY_TOO_LARGE");
        assertThat(sink.sent()).isEmpty();
        assertThat(sink.deadLetters()).isEmpty();
    }

    @Test
    void tooManyRecordsIs413AndNothingIsWritten() throws Exception {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i <= MAX_RECORDS; i++) {
            events.add(bareEvent("VEH-0001", i));
        }

        assertError(
                client.post(JSON_TYPE, TelemetryJson.toJsonArray(events)), 413, "TOO_MANY_RECORDS");
        assertError(
                client.post(AVRO_TYPE, AvroFrames.encodeEvents(wire, events)),
                413,
                "TOO_MANY_RECORDS");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void emptyBatchesAre400() throws Exception {
        assertError(client.post(JSON_TYPE, "[]".getBytes(UTF_8)), 400, "EMPTY_BATCH");
        assertError(client.post(JSON_TYPE, new byte[0]), 400, "EMPTY_BATCH");
        assertError(client.post(AVRO_TYPE, new byte[0]), 400, "EMPTY_BATCH");
        assertThat(sink.deadLetters()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"vehicleId\": \"VEH-1\",", "{\"vehicleId\":\"V\"}", "hello"})
    void malformedJsonIs400AndTheWholeBodyIsDeadLettered(String body) throws Exception {
        HttpResponse<String> response = client.post(JSON_TYPE, body.getBytes(UTF_8));

        assertError(response, 400, "MALFORMED");
        assertThat(sink.sent()).isEmpty();
        assertThat(sink.deadLetters())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(payload(l)).isEqualTo(body);
                            assertThat(l.getReasonCode()).isEqualTo("MALFORMED");
                            assertThat(l.getContentType()).isEqualTo(JSON_TYPE);
                            assertThat(l.getDetail())
                                    .endsWith(json(response).get("error").asText());
                        });
    }

    @Test
    void brokenAvroFramingIs400AndTheWholeBodyIsDeadLettered() throws Exception {
        byte[] good = AvroFrames.encodeEvents(wire, List.of(fullEvent("VEH-0001", 1)));
        byte[] body = java.util.Arrays.copyOf(good, good.length + 3); // a cut-off length prefix

        assertError(client.post(AVRO_TYPE, body), 400, "MALFORMED");
        assertThat(sink.sent()).isEmpty();
        assertThat(sink.deadLetters())
                .singleElement()
                .satisfies(l -> assertThat(l.getPayload().array()).isEqualTo(body));
    }

    @Test
    void kafkaFailureIs503NotSuccess() throws Exception {
        sink.mode(RecordingSink.Mode.FAIL);

        HttpResponse<String> batch =
                client.post(
                        JSON_TYPE, TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1))));
        HttpResponse<String> malformed = client.post(JSON_TYPE, "[oops".getBytes(UTF_8));

        assertError(batch, 503, "KAFKA_UNAVAILABLE");
        assertError(malformed, 503, "KAFKA_UNAVAILABLE");
    }

    @Test
    void answersOnlyOnceEveryWriteIsAcknowledged() throws Exception {
        sink.mode(RecordingSink.Mode.HOLD);
        TelemetryEvent bad = fullEvent("VEH-0002", 2);
        bad.setSeq(-1);
        CompletableFuture<HttpResponse<String>> response =
                client.postAsync(
                        JSON_TYPE,
                        TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1), bad)),
                        null);

        sink.awaitWrites(2);
        assertThat(response).isNotDone();
        sink.release();

        assertThat(response.get().statusCode()).isEqualTo(200);
        assertThat(json(response.get()).get("rejected").asInt()).isEqualTo(1);
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() throws Exception {
        sink.mode(RecordingSink.Mode.THROW);

        HttpResponse<String> response =
                client.post(
                        JSON_TYPE, TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1))));

        assertError(response, 500, "INTERNAL");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = client.get(IngestGateway.HEALTH_PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountRecordsByReasonAndTimeRequests() throws Exception {
        TelemetryEvent bad = fullEvent("VEH-0002", 2);
        Sensor.COOLANT_TEMP.set(bad, 999.0);
        client.post(JSON_TYPE, TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1), bad)));
        client.post("text/plain", new byte[] {1});

        String metrics = client.get(IngestGateway.METRICS_PATH).body();

        assertThat(metrics)
                .contains("fleet_gateway_records_accepted_total{format=\"json\"} 1.0")
                .contains(
                        "fleet_gateway_records_rejected_total{format=\"json\",reason=\"OUT_OF_RANGE\"} 1.0")
                .contains(
                        "fleet_gateway_records_rejected_total{format=\"avro\",reason=\"MALFORMED\"} 0.0")
                .contains(
                        "fleet_gateway_batches_refused_total{reason=\"UNSUPPORTED_MEDIA_TYPE\"} 1.0")
                .contains(
                        "fleet_gateway_http_requests_seconds_count{method=\"POST\",route=\"/v1/telemetry\",status=\"200\"} 1");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405AsJson() throws Exception {
        assertError(client.get("/v2/nothing"), 404, "NOT_FOUND");
        assertError(client.get(IngestGateway.TELEMETRY_PATH), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void requestIdIsEchoed() throws Exception {
        HttpResponse<String> response =
                client.postAsync(JSON_TYPE, "[]".getBytes(UTF_8), "req-123").get();
        assertThat(response.headers().firstValue(IngestGateway.REQUEST_ID_HEADER))
                .hasValue("req-123");
    }

    @Test
    void closeAnswersInFlightRequestsThenClosesTheSink() throws Exception {
        gateway.close();
        startWithStopTimeout(Duration.ofMinutes(1));
        sink.mode(RecordingSink.Mode.HOLD);
        CompletableFuture<HttpResponse<String>> response =
                client.postAsync(
                        JSON_TYPE,
                        TelemetryJson.toJsonArray(List.of(fullEvent("VEH-0001", 1))),
                        null);
        sink.awaitWrites(1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
        while (!gateway.stopping()) {
            Thread.sleep(5);
        }
        assertThat(response).isNotDone();
        assertThat(sink.closed()).isFalse();
        sink.release();

        assertThat(response.get().statusCode()).isEqualTo(200);
        closing.get();
        assertThat(sink.closed()).isTrue();
    }

    private static void assertError(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        assertThat(body.get("error").asText()).isNotBlank();
    }

    private static String payload(DeadLetter letter) {
        return new String(letter.getPayload().array(), UTF_8);
    }
}
