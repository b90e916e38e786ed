package io.fleetpulse.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The feature benchmark's reader against a real broker: latency from the record timestamp with a
 * decoded sample checked against the event time, or from every decoded value.
 */
class CommittedReaderITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long AGE = 2_000;
    private static final int RECORDS = 2 * CommittedReader.CHECK_EVERY + 1;

    @Test
    void latencyFromTimestampsIsCheckedAgainstTheDecodedEventTime() throws Exception {
        Topics topics = KAFKA.freshTopics();
        long eventTime = System.currentTimeMillis() - AGE;
        send(topics, eventTime, 0);
        try (CommittedReader<ImputedTelemetry> reader =
                new CommittedReader<>(
                        KAFKA.bootstrapServers(),
                        topics.imputed(),
                        ImputedTelemetry::getEventTime,
                        true)) {
            awaitCount(reader, RECORDS);
            Histogram latencies = reader.latencies();
            assertThat(latencies.getTotalCount()).isEqualTo(RECORDS);
            assertThat(latencies.getMinValue()).isGreaterThanOrEqualTo(AGE);
            assertThat(reader.checked()).as("records 0, 1000 and 2000").isEqualTo(3);
            assertThat(reader.mismatches()).isZero();
        }
    }

    @Test
    void aTimestampThatIsNotTheEventTimeIsCounted() throws Exception {
        Topics topics = KAFKA.freshTopics();
        long eventTime = System.currentTimeMillis() - AGE;
        send(topics, eventTime, AGE); // written "now": the latency would look ~0
        try (CommittedReader<ImputedTelemetry> fromTimestamps =
                        new CommittedReader<>(
                                KAFKA.bootstrapServers(),
                                topics.imputed(),
                                ImputedTelemetry::getEventTime,
                                true);
                CommittedReader<ImputedTelemetry> decoding =
                        new CommittedReader<>(
                                KAFKA.bootstrapServers(),
                                topics.imputed(),
                                ImputedTelemetry::getEventTime,
                                false)) {
            awaitCount(fromTimestamps, RECORDS);
            awaitCount(decoding, RECORDS);
            assertThat(fromTimestamps.mismatches()).isEqualTo(3);
            assertThat(decoding.checked()).as("nothing to check: every value decoded").isZero();
            assertThat(decoding.latencies().getMinValue()).isGreaterThanOrEqualTo(AGE);
        }
    }

    private static void send(Topics topics, long eventTime, long timestampShift) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        AvroWire<ImputedTelemetry> wire = AvroWire.of(ImputedTelemetry.class);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                ImputedTelemetry t = new ImputedTelemetry();
                t.setVehicleId("V-1");
                t.setDriverId("D-1");
                t.setEventTime(eventTime);
                t.setSeq((long) i);
                for (Sensor s : Sensor.values()) {
                    ImputedFields.set(t, s, 1.0, false, 0.0);
                }
                t.setImputedCount(0);
                t.setColdStartSensors(List.of());
                t.setProcessedAt(eventTime);
                producer.send(
                        new ProducerRecord<>(
                                topics.imputed().name(),
                                0,
                                eventTime + timestampShift,
                                null,
                                wire.encode(t)));
            }
            producer.flush();
        }
    }

    private static void awaitCount(CommittedReader<?> reader, long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reader.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reader.count()).isEqualTo(count);
    }
}
