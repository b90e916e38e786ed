package io.fleetpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleet simulate} and {@code fleet bench producer} against a real broker. */
class SimulateCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String START = "2025-03-01T07:30:00Z";

    @Test
    void simulatedEventsAndLabelsArriveInTheirTopics() {
        Topics topics = KAFKA.freshTopics();
        int rc =
                new CommandLine(new SimulateCommand())
                        .execute(
                                "--bootstrap-server",
                                KAFKA.bootstrapServers(),
                                "--topic-prefix",
                                topics.prefix(),
                                "--fast",
                                "--start",
                                START,
                                "--duration",
                                "10m",
                                "--vehicles",
                                "20",
                                "--rate",
                                "40",
                                "--seed",
                                "9",
                                "--anomaly-rate",
                                "30",
                                "--progress-interval",
                                "1s",
                                "--threads",
                                "2");
        assertThat(rc).isZero();

        // The same seed and options locally give the events and labels the broker must hold.
        List<AnomalyLabel> expectedLabels = new ArrayList<>();
        SimulationConfig config =
                SimulationConfig.defaults(Instant.parse(START).toEpochMilli())
                        .withVehicles(20, 40)
                        .withSeed(9)
                        .withAnomalies(new AnomalyConfig(30, EnumSet.allOf(AnomalyKind.class)));
        FleetSimulator sim = new FleetSimulator(config, expectedLabels::add);
        List<TelemetryEvent> expected = new ArrayList<>();
        long tenMinutes = Duration.ofMinutes(10).toNanos();
        while (sim.advanceWithin(tenMinutes) >= 0) {
            TelemetryEvent e = new TelemetryEvent();
            sim.message().fill(e);
            expected.add(e);
        }
        sim.finish();

        List<ConsumerRecord<String, TelemetryEvent>> events =
                readAll(topics.raw(), expected.size());
        assertThat(events).hasSize(expected.size());
        assertThat(events).allMatch(r -> r.key().equals(r.value().getVehicleId()));
        assertThat(events.stream().map(ConsumerRecord::value).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        // Two sending threads, each owning whole partitions: every partition holds its events in
        // the order one thread gives them.
        int partitions = topics.raw().partitions();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            assertThat(
                            events.stream()
                                    .filter(r -> r.partition() == partition)
                                    .map(ConsumerRecord::value)
                                    .toList())
                    .isEqualTo(
                            expected.stream()
                                    .filter(e -> partitionOf(e, partitions) == partition)
                                    .toList());
        }

        List<ConsumerRecord<String, AnomalyLabel>> labels =
                readAll(topics.anomalyLabels(), expectedLabels.size());
        assertThat(expectedLabels).isNotEmpty();
        assertThat(labels.stream().map(ConsumerRecord::value).toList())
                .containsExactlyInAnyOrderElementsOf(expectedLabels);
    }

    @Test
    void producerBenchReportsBothSidesAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("producer.json");
        int rc =
                new CommandLine(new ProducerBenchCommand())
                        .execute(
                                "--bootstrap-server", KAFKA.bootstrapServers(),
                                "--duration", "2s",
                                "--warmup", "1s",
                                "--generation-duration", "1s",
                                "--repeats", "1",
                                "--vehicles", "1000",
                                "--json", json.toString());
        assertThat(rc).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("bench").asText()).isEqualTo("producer");
        assertThat(report.get("machine").get("availableProcessors").asInt()).isPositive();
        assertThat(report.get("settings").get("producer").asText()).contains("acks=all");
        assertThat(report.get("settings").get("sending threads").asInt())
                .isEqualTo(SendingThreads.DEFAULT_THREADS);
        List<String> rows = new ArrayList<>();
        report.get("rows").forEach(r -> rows.add(r.get("name").asText()));
        assertThat(rows)
                .contains("simulator -> Kafka", "Kafka ProducerPerformance", "simulator / Kafka");
        report.get("rows").forEach(r -> assertThat(r.get("events/s").asDouble()).isPositive());
    }

    private static int partitionOf(TelemetryEvent e, int partitions) {
        return KafkaTelemetrySink.partitionOf(
                e.getVehicleId().getBytes(StandardCharsets.UTF_8), partitions);
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(
            TopicSpec<String, V> spec, int expected) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "it-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        spec.keySerde().deserializer(),
                        spec.valueSerde().deserializer())) {
            consumer.subscribe(List.of(spec.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // Nothing beyond what is expected.
            consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
        }
        return out;
    }
}
