package io.fleetpulse.stack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The probe against a real broker: it reads only what arrives after it started, measures each
 * output's latency from the right time (event time, window end, the alert's window end), counts
 * imputed events and OPEN alerts by kind, and ignores CLEARED ones.
 */
class PipelineProbeITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long AGE_IMPUTED = 2_000;
    private static final long AGE_FEATURES = 4_000;
    private static final long AGE_ALERT = 6_000;

    @Test
    void measuresLatencyFromEachOutputsOwnTimeAndCountsWhatArrivesAfterItsStart() throws Exception {
        Topics topics = KAFKA.freshTopics();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // Before the probe starts: not counted.
            producer.send(imputed(topics, System.currentTimeMillis(), 1)).get();

            try (PipelineProbe probe = PipelineProbe.start(KAFKA.bootstrapServers(), topics)) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < 40; i++) {
                    producer.send(imputed(topics, now - AGE_IMPUTED, i < 20 ? 1 : 0));
                }
                producer.send(features(topics, now - AGE_FEATURES));
                producer.send(alert(topics, now - AGE_ALERT, "OPEN", "ENGINE_OVERHEATING"));
                producer.send(alert(topics, now - AGE_ALERT, "CLEARED", "ENGINE_OVERHEATING"));
                producer.send(alert(topics, now - AGE_ALERT, "OPEN", "GPS_JUMP"));
                producer.flush();

                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((probe.imputedRecords() < 40 || probe.alertsByKind().size() < 2)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(300); // a stray extra record (the one before the start) would show
                long readBy = System.currentTimeMillis();

                assertThat(probe.failure()).isNull();
                assertThat(probe.imputedRecords()).isEqualTo(40);
                assertThat(probe.featureRecords()).isEqualTo(1);
                assertThat(probe.alertsByKind())
                        .containsEntry("ENGINE_OVERHEATING", 1L)
                        .containsEntry("GPS_JUMP", 1L)
                        .hasSize(2);
                // The sample is 1 in 20: the 20th event (imputed) and the 40th (not).
                assertThat(probe.imputationRate()).isEqualTo(0.5);

                Histogram imputed = probe.imputed().nextInterval(true);
                assertThat(imputed.getTotalCount()).isEqualTo(40);
                assertThat(imputed.getMinValue()).isGreaterThanOrEqualTo(AGE_IMPUTED - 1);
                assertThat(imputed.getMaxValue())
                        .isLessThanOrEqualTo(readBy - now + AGE_IMPUTED + 5);
                Histogram features = probe.features().nextInterval(true);
                assertThat(features.getTotalCount()).isEqualTo(1);
                assertThat(features.getMinValue()).isGreaterThanOrEqualTo(AGE_FEATURES - 1);
                Histogram alerts = probe.alerts().nextInterval(true);
                assertThat(alerts.getTotalCount()).as("OPEN alerts only").isEqualTo(2);
                assertThat(alerts.getMinValue()).isGreaterThanOrEqualTo(AGE_ALERT - 1);
                assertThat(probe.imputed().total().getTotalCount()).isEqualTo(40);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> imputed(
            Topics topics, long eventTime, int imputedCount) {
        ImputedTelemetry t = new ImputedTelemetry();
        t.setVehicleId("V-1");
        t.setDriverId("D-1");
        t.setEventTime(eventTime);
        t.setSeq(1L);
        for (Sensor s : Sensor.values()) {
            ImputedFields.set(t, s, 1.0, false, 0.0);
        }
        t.setImputedCount(imputedCount);
        t.setColdStartSensors(List.of());
        t.setProcessedAt(eventTime);
        byte[] value = AvroWire.of(ImputedTelemetry.class).encode(t);
        // The job's sink writes the event time as the record timestamp.
        return new ProducerRecord<>(topics.imputed().name(), null, eventTime, null, value);
    }

    private static ProducerRecord<byte[], byte[]> features(Topics topics, long windowEnd) {
        FeatureVector v =
                FeatureVector.newBuilder()
                        .setVehicleId("V-1")
                        .setDriverId("D-1")
                        .setWindowStart(windowEnd - 10_000)
                        .setWindowEnd(windowEnd)
                        .setWindowKind("TUMBLING_10S")
                        .setEventCount(10)
                        .setLastEventTime(windowEnd - 1)
                        .setProcessedAt(windowEnd)
                        .build();
        return new ProducerRecord<>(
                topics.features().name(), AvroWire.of(FeatureVector.class).encode(v));
    }

    private static ProducerRecord<byte[], byte[]> alert(
            Topics topics, long detectedAt, String status, String kind) {
        Alert a =
                Alert.newBuilder()
                        .setAlertId("V-1/" + kind)
                        .setVehicleId("V-1")
                        .setDriverId("D-1")
                        .setKind(kind)
                        .setStatus(status)
                        .setSeverity("WARNING")
                        .setSource("RULE")
                        .setStartTime(detectedAt - 10_000)
                        .setEndTime(null)
                        .setDetectedAt(detectedAt)
                        .setWindowKind("TUMBLING_10S")
                        .setScore(1)
                        .setThreshold(0.5)
                        .setModel(null)
                        .setModelVersion(0)
                        .setExplanation(List.of())
                        .setMessage(kind + " on V-1")
                        .setEmittedAt(detectedAt)
                        .build();
        return new ProducerRecord<>(topics.alerts().name(), AvroWire.of(Alert.class).encode(a));
    }
}
