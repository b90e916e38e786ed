package io.fleetpulse.serving.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.Alert;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.serving.feed.ReaderProps;
import io.fleetpulse.serving.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The demo console's model-serving line: the versions model-serving serves now (asked over HTTP
 * with its bearer token) and the latest alerts (read from the alerts topic, read_committed, from
 * where the demo started). Never throws: what it cannot find it says.
 */
public final class ServingConsole implements AutoCloseable {

    private static final int LATEST = 3;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(HTTP_TIMEOUT)
                    .build();
    private final KafkaConsumer<byte[], byte[]> alerts;
    private final AvroWire<Alert> wire = AvroWire.of(Alert.class);
    private final Deque<Alert> latest = new ArrayDeque<>();
    private long alertCount;

    /**
     * @param base model-serving's address
     * @param token a bearer token it accepts (null: versions are not asked for)
     */
    public ServingConsole(URI base, String token, String bootstrap, String alertsTopic) {
        this.base = base;
        this.token = token;
        this.alerts =
                new KafkaConsumer<>(
                        ReaderProps.readCommitted(bootstrap, "demo-console-alerts"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        try {
            alerts.partitionsFor(alertsTopic, Duration.ofSeconds(5))
                    .forEach(i -> parts.add(new TopicPartition(alertsTopic, i.partition())));
            alerts.assign(parts);
            alerts.seekToEnd(parts);
            // seekToEnd is lazy: take the positions now, or alerts before the first poll are lost.
            parts.forEach(tp -> alerts.position(tp, Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            // the line will say no alerts
        }
    }

    /** One console line. */
    public String line() {
        return "serving: " + versions() + " | alerts: " + alerts();
    }

    private String versions() {
        if (token == null) {
            return "no token";
        }
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(base.resolve("/v1/models"))
                                    .timeout(HTTP_TIMEOUT)
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "HTTP " + r.statusCode();
            }
            JsonNode models = Json.MAPPER.readTree(r.body()).get("models");
            if (models == null || models.isEmpty()) {
                return "no model published yet";
            }
            List<String> out = new ArrayList<>();
            for (JsonNode m : models) {
                JsonNode v = m.get("servedVersion");
                out.add(
                        m.get("model").asText()
                                + " v"
                                + (v == null || v.isNull() ? "?" : v.asText())
                                + (m.get("pin").isNull() ? "" : " (pinned)"));
            }
            return String.join(", ", out);
        } catch (IOException | RuntimeException e) {
            return "not answering at " + base;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String alerts() {
        try {
            for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(50))) {
                try {
                    Alert a = wire.decode(r.value());
                    alertCount++;
                    latest.addFirst(a);
                    while (latest.size() > LATEST) {
                        latest.removeLast();
                    }
                } catch (RuntimeException e) {
                    // not an Alert: not shown
                }
            }
        } catch (RuntimeException e) {
            return "alerts topic unreadable";
        }
        if (latest.isEmpty()) {
            return "none yet";
        }
        List<String> shown = new ArrayList<>();
        for (Alert a : latest) {
            shown.add(
                    a.getVehicleId()
                            + " "
                            + a.getKind()
                            + " "
                            + a.getSeverity()
                            + " "
                            + a.getStatus());
        }
        return alertCount + " since start; latest " + String.join("; ", shown);
    }

    @Override
    public void close() {
        alerts.close();
    }
}
