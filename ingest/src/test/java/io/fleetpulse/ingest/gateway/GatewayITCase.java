package io.fleetpulse.ingest.gateway;

import static io.fleetpulse.ingest.gateway.GatewayClient.json;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.bareEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.clockAtNow;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.drive;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.validatorAtNow;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.json.TelemetryJson;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.testing.TopicReader;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway end to end against a real broker: HTTP batches in, records read back from the raw and
 * dead-letter topics with a plain consumer, decoded and compared with what was sent.
 */
class GatewayITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String JSON_TYPE = BatchFormat.JSON.mediaType();
    private static final String AVRO_TYPE = BatchFormat.AVRO.mediaType();

    private static Topics topics;
    private static IngestGateway gateway;
    private static GatewayClient client;
    private static TopicReader raw;
    private static TopicReader deadLetters;

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
    private Map<TopicPartition, Long> rawMark;
    private Map<TopicPartition, Long> deadLetterMark;

    @BeforeAll
    static void startGateway() {
        topics = KAFKA.freshTopics();
        gateway =
                IngestGateway.start(
                        GatewaySettings.defaults().withPort(0),
                        validatorAtNow(),
                        new KafkaTelemetrySink(
                                KAFKA.bootstrapServers(), topics, Duration.ofSeconds(30)),
                        clockAtNow());
        client = new GatewayClient(gateway.baseUri());
        raw = new TopicReader(KAFKA.bootstrapServers(), topics.raw().name());
        deadLetters = new TopicReader(KAFKA.bootstrapServers(), topics.deadLetters().name());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (raw != null) {
            raw.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    @BeforeEach
    void markTopics() {
        rawMark = raw.mark();
        deadLetterMark = deadLetters.mark();
    }

    @Test
    void mixedJsonBatchLandsInRawAndDeadLetterTopics() throws Exception {
        List<TelemetryEvent> valid = new ArrayList<>(drive("JSON-0001", 4));
        valid.add(bareEvent("JSON-0002", 0));
        Sensor.SPEED.set(valid.get(4), 88.5);
        TelemetryEvent overheated = fullEvent("JSON-0003", 1);
        Sensor.COOLANT_TEMP.set(overheated, 400.0);
        String overheatedText = new String(TelemetryJson.toJson(overheated), UTF_8);
        String unknownField =
                "{\"vehicleId\":\"JSON-0004\",\"driverId\":\"D\",\"eventTime\":1,\"seq\":1,"
                        + "\"warpFactor\":9}";
        String body =
                "["
                        + text(valid.get(0))
                        + ","
                        + overheatedText
                        + ","
                        + text(valid.get(1))
                        + ","
                        + text(valid.get(2))
                        + ","
                        + unknownField
                        + ","
                        + text(valid.get(3))
                        + ","
                        + text(valid.get(4))
                        + "]";

        HttpResponse<String> response = client.post(JSON_TYPE, body.getBytes(UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(5);
        assertThat(answer.get("rejected").asInt()).isEqualTo(2);
        assertThat(answer.get("results").get(1).get("reason").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(answer.get("results").get(1).get("field").asText()).isEqualTo("coolantTempC");
        assertThat(answer.get("results").get(4).get("reason").asText()).isEqualTo("UNKNOWN_FIELD");

        assertRawTopicHoldsExactly(valid);
        List<DeadLetter> letters = readDeadLetters();
        assertThat(letters)
                .extracting(DeadLetter::getReasonCode)
                .containsExactlyInAnyOrder("OUT_OF_RANGE", "UNKNOWN_FIELD");
        DeadLetter hot = byVehicle(letters, "JSON-0003");
        assertThat(new String(hot.getPayload().array(), UTF_8)).isEqualTo(overheatedText);
        assertThat(hot.getStage()).isEqualTo("gateway");
        assertThat(hot.getContentType()).isEqualTo("application/json");
        assertThat(hot.getDetail()).contains("coolantTempC");
        assertThat(new String(byVehicle(letters, "JSON-0004").getPayload().array(), UTF_8))
                .isEqualTo(unknownField);
    }

    @Test
    void avroBatchLandsInRawAndDeadLetterTopics() throws Exception {
        List<TelemetryEvent> valid = new ArrayList<>(drive("AVRO-0001", 3));
        valid.add(bareEvent("AVRO-0002", 7));
        TelemetryEvent future = fullEvent("AVRO-0003", 1);
        future.setEventTime(clockAtNow().millis() + Duration.ofHours(2).toMillis());
        byte[] futureFrame = wire.encode(future);
        byte[] garbageFrame = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        List<byte[]> frames = new ArrayList<>();
        frames.add(wire.encode(valid.get(0)));
        frames.add(futureFrame);
        frames.add(wire.encode(valid.get(1)));
        frames.add(garbageFrame);
        frames.add(wire.encode(valid.get(2)));
        frames.add(wire.encode(valid.get(3)));

        HttpResponse<String> response = client.post(AVRO_TYPE, AvroFrames.encode(frames));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response).get("results");
        assertThat(results)
                .extracting(r -> r.path("reason").asText("-"))
                .containsExactly("-", "FUTURE_TIMESTAMP", "-", "UNKNOWN_SCHEMA", "-", "-");
        assertRawTopicHoldsExactly(valid);
        List<DeadLetter> letters = readDeadLetters();
        assertThat(letters).hasSize(2);
        DeadLetter late = byVehicle(letters, "AVRO-0003");
        assertThat(late.getReasonCode()).isEqualTo("FUTURE_TIMESTAMP");
        assertThat(late.getPayload().array()).isEqualTo(futureFrame);
        assertThat(late.getContentType()).isEqualTo("avro/binary");
        DeadLetter garbage = byVehicle(letters, null);
        assertThat(garbage.getReasonCode()).isEqualTo("UNKNOWN_SCHEMA");
        assertThat(garbage.getPayload().array()).isEqualTo(garbageFrame);
    }

    @Test
    void malformedBodyIs400AndItsBytesReachTheDeadLetterTopic() throws Exception {
        byte[] body = "[{\"vehicleId\":\"BAD-0001\",\"seq\":1} {".getBytes(UTF_8);

        HttpResponse<String> response = client.post(JSON_TYPE, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("reason").asText()).isEqualTo("MALFORMED");
        assertThat(raw.readSince(rawMark)).isEmpty();
        List<DeadLetter> letters = readDeadLetters();
        assertThat(letters)
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.getReasonCode()).isEqualTo("MALFORMED");
                            assertThat(l.getPayload().array()).isEqualTo(body);
                            assertThat(l.getContentType()).isEqualTo(JSON_TYPE);
                        });
    }

    @Test
    void kafkaThatCannotTakeTheWritesGives503() throws Exception {
        // A topic set that was never provisioned: the broker (no auto-creation) cannot take them.
        Topics missing = Topics.withPrefix("never-provisioned-" + System.nanoTime() + ".");
        try (IngestGateway broken =
                IngestGateway.start(
                        GatewaySettings.defaults().withPort(0),
                        validatorAtNow(),
                        new KafkaTelemetrySink(
                                KAFKA.bootstrapServers(), missing, Duration.ofSeconds(4)),
                        clockAtNow())) {
            HttpResponse<String> response =
                    new GatewayClient(broken.baseUri())
                            .post(JSON_TYPE, TelemetryJson.toJsonArray(drive("DOWN-0001", 2)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(json(response).get("reason").asText()).isEqualTo("KAFKA_UNAVAILABLE");
        }
    }

    private void assertRawTopicHoldsExactly(List<TelemetryEvent> sent) {
        TopicSpec<String, TelemetryEvent> spec = topics.raw();
        List<ConsumerRecord<String, byte[]>> records = raw.readSince(rawMark);
        List<TelemetryEvent> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TelemetryEvent e = spec.valueSerde().deserializer().deserialize(spec.name(), r.value());
            assertThat(r.key()).as("key of %s", e).isEqualTo(e.getVehicleId());
            received.add(e);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        // One vehicle's events share a partition, so they keep their order.
        Function<TelemetryEvent, String> vehicle = TelemetryEvent::getVehicleId;
        for (String v : received.stream().map(vehicle).distinct().toList()) {
            List<Long> seqs =
                    received.stream()
                            .filter(e -> e.getVehicleId().equals(v))
                            .map(TelemetryEvent::getSeq)
                            .toList();
            assertThat(seqs).isSortedAccordingTo(Comparator.naturalOrder());
        }
    }

    private List<DeadLetter> readDeadLetters() {
        TopicSpec<String, DeadLetter> spec = topics.deadLetters();
        List<DeadLetter> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : deadLetters.readSince(deadLetterMark)) {
            DeadLetter l = spec.valueSerde().deserializer().deserialize(spec.name(), r.value());
            assertThat(r.key()).isEqualTo(l.getVehicleId());
            out.add(l);
        }
        return out;
    }

    private static DeadLetter byVehicle(List<DeadLetter> letters, String vehicleId) {
        return letters.stream()
                .filter(l -> java.util.Objects.equals(l.getVehicleId(), vehicleId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + vehicleId));
    }

    private static String text(TelemetryEvent e) {
        return new String(TelemetryJson.toJson(e), UTF_8);
    }
}
