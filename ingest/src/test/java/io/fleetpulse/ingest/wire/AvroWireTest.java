package io.fleetpulse.ingest.wire;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.bareEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Round trips through the single-object wire format and its error reasons. */
class AvroWireTest {

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);

    @Test
    void everyFieldSurvivesARoundTrip() {
        TelemetryEvent event = fullEvent("VEH-ü-0001", 42);
        event.setEventTime(Long.MAX_VALUE);
        event.setSeq(0);
        Sensor.ACCELERATION.set(event, -14.999999999999998);

        TelemetryEvent back = wire.decode(wire.encode(event));

        assertThat(back).isEqualTo(event);
        for (Schema.Field f : TelemetryEvent.getClassSchema().getFields()) {
            assertThat(back.get(f.pos())).as(f.name()).isEqualTo(event.get(f.pos()));
        }
        for (Sensor s : Sensor.ALL) {
            assertThat(s.get(back)).as(s.field()).isNotNull();
        }
    }

    @Test
    void missingReadingsStayNullNotZero() {
        TelemetryEvent event = bareEvent("VEH-0002", 7);
        Sensor.SPEED.set(event, 0.0);

        TelemetryEvent back = wire.decode(wire.encode(event));

        assertThat(back).isEqualTo(event);
        assertThat(Sensor.SPEED.get(back)).isEqualTo(0.0);
        for (Sensor s : Sensor.ALL) {
            if (s != Sensor.SPEED) {
                assertThat(s.get(back)).as(s.field()).isNull();
            }
        }
    }

    @Test
    void deadLettersAndLabelsRoundTrip() {
        DeadLetter letter =
                DeadLetter.newBuilder()
                        .setReasonCode("OUT_OF_RANGE")
                        .setDetail("speedKmh = 400.0 km/h is outside [0.0, 300.0]")
                        .setStage("gateway")
                        .setSourceTopic(null)
                        .setVehicleId(null)
                        .setRejectedAt(1_700_000_000_000L)
                        .setContentType("application/json")
                        .setPayload(ByteBuffer.wrap("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                        .build();
        AvroWire<DeadLetter> letters = AvroWire.of(DeadLetter.class);
        assertThat(letters.decode(letters.encode(letter))).isEqualTo(letter);

        AvroWire<AnomalyLabel> labels = AvroWire.of(AnomalyLabel.class);
        AnomalyLabel label = anyLabel();
        assertThat(labels.decode(labels.encode(label))).isEqualTo(label);
    }

    @Test
    void tooShortInputIsMalformed() {
        assertThatThrownBy(() -> wire.decode(new byte[] {(byte) 0xC3, 0x01, 1, 2}))
                .isInstanceOf(WireFormatException.class)
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("MALFORMED");
        assertThatThrownBy(() -> wire.decode(null))
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("MALFORMED");
    }

    @Test
    void garbageIsMalformed() {
        byte[] garbage = "this is not avro at all".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> wire.decode(garbage))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("marker")
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("MALFORMED");
    }

    @Test
    void truncatedBodyIsMalformed() {
        byte[] bytes = wire.encode(fullEvent("VEH-0003", 1));
        byte[] truncated = Arrays.copyOf(bytes, AvroWire.HEADER_LENGTH + 5);
        assertThatThrownBy(() -> wire.decode(truncated))
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("MALFORMED");
    }

    @Test
    void unknownFingerprintIsUnknownSchema() {
        byte[] bytes = wire.encode(fullEvent("VEH-0004", 1));
        bytes[2] ^= (byte) 0xFF; // first fingerprint byte
        assertThatThrownBy(() -> wire.decode(bytes))
                .isInstanceOf(WireFormatException.class)
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("UNKNOWN_SCHEMA");
    }

    @Test
    void serdeRoundTripsAndPassesNullThrough() {
        AvroSerde<TelemetryEvent> serde = AvroSerde.of(TelemetryEvent.class);
        TelemetryEvent event = fullEvent("VEH-0005", 3);
        byte[] bytes = serde.serializer().serialize("t", event);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(event);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    private static AnomalyLabel anyLabel() {
        return AnomalyLabel.newBuilder()
                .setVehicleId("VEH-0009")
                .setDriverId("DRV-1")
                .setKind("HARSH_BRAKING")
                .setStartTime(1_000L)
                .setEndTime(4_000L)
                .setSensor(null)
                .setDescription("three harsh stops")
                .build();
    }
}
