package io.fleetpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.RunningFeatureJob;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FeatureJob on a real mini cluster against a real broker: the whole job, end to end. */
class FeatureJobITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AvroWire<TelemetryEvent> WIRE = AvroWire.of(TelemetryEvent.class);

    @Test
    void imputesTelemetryEmitsWindowsAndDeadLettersBadBytesWhileRunning() throws Exception {
        Topics topics = KAFKA.freshTopics();
        TestDrive drive = new TestDrive(3, 90_000);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics, drive.events);
            send(producer, topics, drive.events.subList(10, 11)); // a device retry: a duplicate
            producer.send(new ProducerRecord<>(topics.raw().name(), "veh-0", garbage)).get();
        }
        try (RunningFeatureJob job =
                RunningFeatureJob.start(
                        FeatureJobRun.config(KAFKA.bootstrapServers(), topics, null))) {
            List<ImputedTelemetry> imputed =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(),
                            topics.imputed(),
                            l -> l.size() >= drive.events.size(),
                            WAIT);
            assertThat(imputed).hasSize(drive.events.size()); // the duplicate was dropped
            long missingBefore =
                    drive.events.stream().filter(e -> Sensor.COOLANT_TEMP.get(e) == null).count();
            assertThat(
                            imputed.stream()
                                    .filter(t -> ImputedFields.imputed(t, Sensor.COOLANT_TEMP))
                                    .count())
                    .isEqualTo(missingBefore);
            assertThat(imputed)
                    .allSatisfy(
                            t ->
                                    assertThat(ImputedFields.value(t, Sensor.COOLANT_TEMP))
                                            .isNotNull());

            List<DeadLetter> dead =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(),
                            topics.deadLetters(),
                            l -> !l.isEmpty(),
                            WAIT);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getReasonCode()).isEqualTo("MALFORMED");
            assertThat(bytes(dead.get(0))).isEqualTo(garbage);

            // Still running after the bad record: new input is processed.
            try (KafkaProducer<String, byte[]> producer = producer()) {
                flush(producer, topics, drive);
            }
            Map<String, Integer> expected = drive.expectedWindows();
            List<FeatureVector> features =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(),
                            topics.features(),
                            l -> l.size() >= expected.size(),
                            WAIT);
            assertThat(job.running()).isTrue();
            assertThat(countsByWindow(features)).isEqualTo(expected);
            assertThat(features).allSatisfy(f -> assertThat(f.getDistanceKm()).isPositive());

            // An event of the drive's first second arriving after its windows fired: late, and
            // written in the same transactions as the imputed telemetry and the features.
            TelemetryEvent straggler =
                    TelemetryEvent.newBuilder(drive.events.get(0)).setSeq(1_000_000).build();
            try (KafkaProducer<String, byte[]> producer = producer()) {
                send(producer, topics, List.of(straggler));
            }
            List<TelemetryEvent> late =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(), topics.late(), l -> !l.isEmpty(), WAIT);
            assertThat(late).containsExactly(straggler);
            assertThat(job.running()).isTrue();
        }
    }

    @Test
    void aJobRestoredFromItsLastCheckpointEmitsEveryFeatureExactlyOnce() throws Exception {
        Topics topics = KAFKA.freshTopics();
        TestDrive drive = new TestDrive(3, 90_000);
        List<TelemetryEvent> firstHalf =
                drive.events.stream().filter(e -> e.getEventTime() < drive.start + 45_000).toList();
        List<TelemetryEvent> secondHalf =
                drive.events.stream()
                        .filter(e -> e.getEventTime() >= drive.start + 45_000)
                        .toList();
        Path checkpoints =
                Path.of(
                        System.getProperty("fleet.work.dir", "target"),
                        "test-checkpoints",
                        UUID.randomUUID().toString());
        var config =
                FeatureJobRun.config(
                        KAFKA.bootstrapServers(), topics, checkpoints.toUri().toString());

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics, firstHalf);
        }
        try (RunningFeatureJob first = RunningFeatureJob.start(config)) {
            TopicReader.readUntil(
                    KAFKA.bootstrapServers(),
                    topics.imputed(),
                    l -> l.size() >= firstHalf.size(),
                    WAIT);
        } // cancelled mid-stream: open windows and uncommitted transactions are lost with it
        assertThat(hasCheckpoint(checkpoints)).isTrue();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics, secondHalf);
            flush(producer, topics, drive);
        }
        Map<String, Integer> expected = drive.expectedWindows();
        try (RunningFeatureJob second = RunningFeatureJob.start(config)) {
            List<FeatureVector> features =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(),
                            topics.features(),
                            l -> l.size() >= expected.size(),
                            WAIT);
            assertThat(countsByWindow(features)).isEqualTo(expected); // none lost
            assertThat(features).hasSize(expected.size()); // none twice
            List<ImputedTelemetry> imputed =
                    TopicReader.readUntil(
                            KAFKA.bootstrapServers(),
                            topics.imputed(),
                            l -> l.size() >= drive.events.size() + flushed(topics, drive),
                            WAIT);
            assertThat(
                            imputed.stream()
                                    .map(t -> t.getVehicleId() + "#" + t.getSeq())
                                    .distinct()
                                    .count())
                    .isEqualTo(imputed.size());
            assertThat(imputed).hasSize(drive.events.size() + flushed(topics, drive));
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    private static Map<String, Integer> countsByWindow(List<FeatureVector> features) {
        Map<String, Integer> out = new HashMap<>();
        for (FeatureVector f : features) {
            String key = f.getVehicleId() + "|" + f.getWindowKind() + "|" + f.getWindowStart();
            assertThat(out.put(key, f.getEventCount())).as("window emitted twice: " + key).isNull();
        }
        return out;
    }

    private static byte[] bytes(DeadLetter letter) {
        var buf = letter.getPayload().duplicate();
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, Topics topics, List<TelemetryEvent> events)
            throws Exception {
        for (TelemetryEvent e : events) {
            producer.send(
                    new ProducerRecord<>(topics.raw().name(), e.getVehicleId(), WIRE.encode(e)));
        }
        producer.flush();
    }

    /**
     * The drive's flush events, plus one to every raw partition: the watermark (the minimum over
     * partitions) then passes every window, and no partition has to be declared idle — idleness is
     * processing-time based and would make the test depend on the machine's load.
     */
    private static void flush(
            KafkaProducer<String, byte[]> producer, Topics topics, TestDrive drive)
            throws Exception {
        send(producer, topics, drive.flush);
        TelemetryEvent last = drive.flush.get(0);
        for (int p = 0; p < topics.raw().partitions(); p++) {
            TelemetryEvent e =
                    TelemetryEvent.newBuilder(last).setVehicleId("flush-" + p).setSeq(0).build();
            producer.send(
                    new ProducerRecord<>(topics.raw().name(), p, e.getVehicleId(), WIRE.encode(e)));
        }
        producer.flush();
    }

    private static int flushed(Topics topics, TestDrive drive) {
        return drive.flush.size() + topics.raw().partitions();
    }

    private static boolean hasCheckpoint(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p :
                    files.sorted(java.util.Comparator.reverseOrder())
                            .collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
