package io.fleetpulse.flink.testing;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Fixed instants, valid events and Kafka records for FeatureJob operator tests. */
public final class TelemetryFixtures {

    /** The instant "now" is in tests. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String TOPIC = "test.fleet.telemetry.raw";

    public static final AvroWire<TelemetryEvent> WIRE = AvroWire.of(TelemetryEvent.class);

    private TelemetryFixtures() {}

    /** A valid event a second before {@link #NOW} with every sensor at the middle of its range. */
    public static TelemetryEvent validEvent(String vehicleId, long seq) {
        TelemetryEvent event =
                TelemetryEvent.newBuilder()
                        .setVehicleId(vehicleId)
                        .setDriverId("driver-" + vehicleId)
                        .setEventTime(NOW.toEpochMilli() - 1_000)
                        .setSeq(seq)
                        .build();
        for (Sensor s : Sensor.ALL) {
            s.set(event, (s.min() + s.max()) / 2);
        }
        return event;
    }

    /** A raw-topic record keyed by {@code key} holding {@code value} as its value. */
    public static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, long offset) {
        return new ConsumerRecord<>(
                TOPIC,
                3,
                offset,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(),
                value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    /** A raw-topic record holding {@code event} in the wire format, keyed by its vehicle id. */
    public static ConsumerRecord<byte[], byte[]> record(TelemetryEvent event, long offset) {
        return record(event.getVehicleId(), WIRE.encode(event), offset);
    }
}
