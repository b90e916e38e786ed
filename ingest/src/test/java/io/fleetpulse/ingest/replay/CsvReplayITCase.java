package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code fleet replay} against a real broker: rows land in the raw topic, bad rows in the DLQ. */
class CsvReplayITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instant T0 = Instant.parse("2021-05-04T10:00:00Z");

    @Test
    void replaysValidRowsIntoRawAndBadRowsIntoTheDeadLetterTopic() throws Exception {
        Topics topics = KAFKA.freshTopics();
        Path csv = Files.createTempFile("replay-", ".csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "car,ts,Speed,coolantTempC,gear",
                        "truck-1," + T0 + ",50.5,88,3",
                        "truck-2," + T0.plusMillis(100) + ",,91,",
                        "truck-1," + T0.plusMillis(200) + ",400,88,4",
                        "truck-2," + T0.plusMillis(300) + ",12,hot,",
                        "truck-1," + T0.plusMillis(400) + ",55,89,4",
                        ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc =
                    new CommandLine(new ReplayCommand())
                            .execute(
                                    csv.toString(),
                                    "--bootstrap-server",
                                    KAFKA.bootstrapServers(),
                                    "--topic-prefix",
                                    topics.prefix(),
                                    "--id-column",
                                    "car",
                                    "--time-column",
                                    "ts",
                                    "--map",
                                    "Speed=speedKmh",
                                    "--speedup",
                                    "max");
        } finally {
            System.setOut(saved);
            Files.delete(csv);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(report).isZero();

        List<TelemetryEvent> raw = readAll(topics.raw(), 3);
        assertThat(raw)
                .extracting(TelemetryEvent::getVehicleId, TelemetryEvent::getEventTime)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("truck-1", T0.toEpochMilli()),
                        org.assertj.core.groups.Tuple.tuple("truck-2", T0.toEpochMilli() + 100),
                        org.assertj.core.groups.Tuple.tuple("truck-1", T0.toEpochMilli() + 400));
        TelemetryEvent second =
                raw.stream()
                        .filter(e -> e.getVehicleId().equals("truck-2"))
                        .findFirst()
                        .orElseThrow();
        assertThat(Sensor.SPEED.get(second)).isNull();
        assertThat(Sensor.COOLANT_TEMP.get(second)).isEqualTo(91.0);
        assertThat(
                        raw.stream()
                                .filter(e -> e.getVehicleId().equals("truck-1"))
                                .map(e -> e.getSeq()))
                .containsExactlyInAnyOrder(0L, 2L);

        List<DeadLetter> dlq = readAll(topics.deadLetters(), 2);
        assertThat(dlq)
                .extracting(DeadLetter::getReasonCode)
                .containsExactlyInAnyOrder("OUT_OF_RANGE", "WRONG_TYPE");
        for (DeadLetter d : dlq) {
            assertThat(d.getStage()).isEqualTo("replay");
            String line = StandardCharsets.UTF_8.decode(d.getPayload()).toString();
            assertThat(line).startsWith(d.getVehicleId() + ",");
            assertThat(d.getDetail())
                    .contains(d.getReasonCode().equals("WRONG_TYPE") ? "'hot'" : "400.0");
        }
        assertThat(report)
                .contains(
                        "unknown columns",
                        "[gear]",
                        "UNPARSABLE cells: 1",
                        "column coolantTempC: 'hot'")
                .contains("acknowledged by Kafka: 3 events (raw topic), 2 dead letters, 0 failed");
    }

    @Test
    void missingTopicsAreAClearErrorNotAHang() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Path csv = Files.createTempFile("replay-", ".csv");
            Files.writeString(csv, "vehicleId,eventTime\nv,1\n");
            rc =
                    new CommandLine(new ReplayCommand())
                            .execute(
                                    csv.toString(),
                                    "--bootstrap-server",
                                    KAFKA.bootstrapServers(),
                                    "--topic-prefix",
                                    "nothing-here.");
            Files.delete(csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            System.setErr(saved);
        }
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("topic nothing-here.fleet.telemetry.raw does not exist");
    }

    private static <V> List<V> readAll(TopicSpec<String, V> spec, int expected) {
        Map<String, Object> conf =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(
                        conf, spec.keySerde().deserializer(), spec.valueSerde().deserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < spec.partitions(); p++) {
                parts.add(new TopicPartition(spec.name(), p));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            // Anything beyond the expected count would show up within one more poll.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            return values;
        }
    }
}
