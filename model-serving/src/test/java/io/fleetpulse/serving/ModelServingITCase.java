package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AlertContribution;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.serving.cli.ServingConsole;
import io.fleetpulse.serving.http.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** model-serving against a real broker: snapshots from the models topic, alerts as SSE. */
class ModelServingITCase extends ServingTestBase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir Path state;
    private Topics topics;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() {
        topics = KAFKA.freshTopics();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private ModelServing startServing() {
        return ModelServing.start(
                settings(state, KAFKA.bootstrapServers()).withTopics(topics), Clock.systemUTC());
    }

    private void publish(ModelSnapshot s) throws Exception {
        producer.send(new ProducerRecord<>(topics.models().name(), s.modelName(), s.toBytes()))
                .get();
    }

    @Test
    void readsTheModelsTopicAtStartThenServesANewSnapshotWithinASecond() throws Exception {
        for (long v = 1; v <= 3; v++) {
            for (ModelKind k : ModelKind.values()) {
                publish(snapshot(k, v));
            }
        }
        producer.send(new ProducerRecord<>(topics.models().name(), "fuel-rate", new byte[] {1, 2}))
                .get();
        try (ModelServing serving = startServing()) {
            ServingClient c = client(serving);
            assertThat(serving.awaitCaughtUp(WAIT)).isTrue();
            ServingClient.Answer ready = c.get("/health/ready");
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            assertThat(ready.json().get("models").get("fuel-rate").asLong()).isEqualTo(3);
            assertThat(c.get("/v1/models/fuel-rate").json().get("versions")).hasSize(3);
            assertThat(c.get("/metrics").text())
                    .contains(
                            "fleet_serving_model_snapshots_refused_total{reason=\"UNREADABLE\"} 1.0");

            FeatureVector v = vector(7);
            ModelSnapshot next = snapshot(ModelKind.FUEL_RATE, 4);
            publish(next);
            long acked = System.nanoTime();
            long servedAfterNanos = -1;
            while (System.nanoTime() - acked < WAIT.toNanos()) {
                ServingClient.Answer a = c.post("/v1/models/fuel-rate/predict", json(v));
                if (a.json().get("version").asLong() == 4) {
                    servedAfterNanos = System.nanoTime() - acked;
                    assertThat(a.json().get("score").doubleValue())
                            .isEqualTo(ServableModel.of(next).score(v).score());
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(servedAfterNanos).isPositive();
            assertThat(Duration.ofNanos(servedAfterNanos)).isLessThan(Duration.ofSeconds(1));
            try (ServingConsole console =
                    new ServingConsole(
                            serving.baseUri(),
                            TOKEN,
                            KAFKA.bootstrapServers(),
                            topics.alerts().name())) {
                assertThat(console.line())
                        .contains("anomaly-ae v3, brake-wear v3, fuel-rate v4")
                        .contains("alerts: none yet");
            }
        }
        // A restart reads the topic to its end again and serves the newest at once.
        try (ModelServing serving = startServing()) {
            assertThat(serving.awaitCaughtUp(WAIT)).isTrue();
            assertThat(serving.registry().served("fuel-rate").version()).isEqualTo(4);
            assertThat(serving.readiness()).isEmpty();
        }
    }

    @Test
    void alertsReachAnSseClientFilteredAndResumableFromTheLastEventId() throws Exception {
        try (ModelServing serving = startServing()) {
            ServingClient c = client(serving);
            String path = "/v1/alerts/stream?vehicle=truck-1&severity=warning";
            String firstId;
            ServingConsole console =
                    new ServingConsole(
                            serving.baseUri(),
                            TOKEN,
                            KAFKA.bootstrapServers(),
                            topics.alerts().name());
            try (console;
                    SseReader sse = open(c, path, null)) {
                assertThat(sse.awaitComment("subscribed", WAIT)).isTrue();
                sendAlert(alert("truck-1", "ENGINE_OVERHEATING", "WARNING", 1));
                sendAlert(alert("truck-2", "ENGINE_OVERHEATING", "CRITICAL", 2));
                sendAlert(alert("truck-1", "HARSH_BRAKING", "INFO", 3));
                producer.send(
                                new ProducerRecord<>(
                                        topics.alerts().name(), "truck-1", new byte[] {9}))
                        .get();
                sendAlert(alert("truck-1", "GPS_JUMP", "CRITICAL", 4));

                SseReader.Event first = sse.nextEvent(WAIT);
                SseReader.Event second = sse.nextEvent(WAIT);
                assertThat(first).isNotNull();
                assertThat(second).isNotNull();
                assertThat(first.event()).isEqualTo("alert");
                JsonNode a1 = Json.MAPPER.readTree(first.data());
                JsonNode a2 = Json.MAPPER.readTree(second.data());
                assertThat(a1.get("kind").asText()).isEqualTo("ENGINE_OVERHEATING");
                assertThat(a1.get("explanation").get(0).get("feature").asText())
                        .isEqualTo("coolantTempMax");
                assertThat(a2.get("kind").asText()).isEqualTo("GPS_JUMP");
                assertThat(sse.nextEvent(Duration.ofMillis(500))).isNull();
                firstId = first.id();
                String line = console.line();
                for (int i = 0; i < 20 && !line.contains("4 since start"); i++) {
                    Thread.sleep(100);
                    line = console.line();
                }
                assertThat(line)
                        .contains("serving: no model published yet")
                        .contains("4 since start; latest ")
                        .contains("truck-1 GPS_JUMP CRITICAL OPEN");
            }
            // Resume after the first alert: the second comes again, nothing before it.
            try (SseReader resumed = open(c, path, firstId)) {
                SseReader.Event again = resumed.nextEvent(WAIT);
                assertThat(again).isNotNull();
                assertThat(Json.MAPPER.readTree(again.data()).get("kind").asText())
                        .isEqualTo("GPS_JUMP");
            }
            // From the beginning, without a filter: all four alerts (the junk record skipped).
            try (SseReader all = open(c, "/v1/alerts/stream?from=beginning", null)) {
                for (int i = 0; i < 4; i++) {
                    assertThat(all.nextEvent(WAIT)).as("alert " + i).isNotNull();
                }
            }
            ServingClient.Answer bad = c.get("/v1/alerts/stream?severity=loud");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.field()).isEqualTo("severity");
            assertThat(c.get("/v1/alerts/stream?from=nonsense").status()).isEqualTo(400);
        }
    }

    private static SseReader open(ServingClient c, String path, String lastEventId)
            throws Exception {
        var b =
                c.builder(path)
                        .timeout(Duration.ofMinutes(5))
                        .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r =
                c.http().send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        return new SseReader(r);
    }

    private void sendAlert(Alert a) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topics.alerts().name(),
                                a.getVehicleId(),
                                AvroWire.of(Alert.class).encode(a)))
                .get();
    }

    private static Alert alert(String vehicle, String kind, String severity, long t) {
        return Alert.newBuilder()
                .setAlertId(vehicle + "/" + kind + "/" + t)
                .setVehicleId(vehicle)
                .setDriverId("D")
                .setKind(kind)
                .setStatus("OPEN")
                .setSeverity(severity)
                .setSource("RULE")
                .setStartTime(t)
                .setEndTime(null)
                .setDetectedAt(t + 10_000)
                .setWindowKind("TUMBLING_10S")
                .setScore(112)
                .setThreshold(108)
                .setModel(null)
                .setModelVersion(3)
                .setExplanation(
                        List.of(
                                AlertContribution.newBuilder()
                                        .setFeature("coolantTempMax")
                                        .setValue(112)
                                        .setExpected(108.0)
                                        .setShare(1)
                                        .build()))
                .setMessage(kind + " on " + vehicle)
                .setEmittedAt(t)
                .build();
    }
}
