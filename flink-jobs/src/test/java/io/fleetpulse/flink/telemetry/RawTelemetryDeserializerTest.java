package io.fleetpulse.flink.telemetry;

import static io.fleetpulse.flink.testing.TelemetryFixtures.NOW;
import static io.fleetpulse.flink.testing.TelemetryFixtures.TOPIC;
import static io.fleetpulse.flink.testing.TelemetryFixtures.WIRE;
import static io.fleetpulse.flink.testing.TelemetryFixtures.record;
import static io.fleetpulse.flink.testing.TelemetryFixtures.validEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.RejectReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.api.Test;

class RawTelemetryDeserializerTest {

    private final RawTelemetryDeserializer deserializer = new RawTelemetryDeserializer();

    @Test
    void decodesAValidRecordAndKeepsItsBytesAndSource() {
        TelemetryEvent event = validEvent("v-1", 7);
        byte[] bytes = WIRE.encode(event);

        RawTelemetry raw = deserializer.read(record("v-1", bytes, 42));

        assertThat(raw.isDecoded()).isTrue();
        assertThat(raw.getEvent()).isEqualTo(event);
        assertThat(raw.getPayload()).isEqualTo(bytes);
        assertThat(raw.getTopic()).isEqualTo(TOPIC);
        assertThat(raw.getPartition()).isEqualTo(3);
        assertThat(raw.getOffset()).isEqualTo(42);
        assertThat(raw.getKafkaTimestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(raw.getKey()).isEqualTo("v-1");
        assertThat(raw.getRejectReason()).isNull();
    }

    @Test
    void emitsExactlyOneResultPerRecordThroughTheCollector() {
        List<RawTelemetry> out = new ArrayList<>();
        deserializer.deserialize(record(validEvent("v-1", 1), 0), new ListCollector<>(out));
        deserializer.deserialize(record("v-2", new byte[] {1, 2, 3}, 1), new ListCollector<>(out));

        assertThat(out).extracting(RawTelemetry::isDecoded).containsExactly(true, false);
    }

    @Test
    void garbageIsMalformedWithTheOriginalBytes() {
        byte[] garbage = "{\"vehicleId\":\"v-1\"}".getBytes();

        RawTelemetry raw = deserializer.read(record("v-1", garbage, 5));

        assertThat(raw.isDecoded()).isFalse();
        assertThat(raw.getRejectReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(raw.getRejectDetail()).contains("single-object");
        assertThat(raw.getPayload()).isEqualTo(garbage);
        assertThat(raw.vehicleId()).isEqualTo("v-1");
    }

    @Test
    void anUnknownSchemaFingerprintIsUnknownSchema() {
        byte[] bytes = WIRE.encode(validEvent("v-1", 1));
        bytes[5] ^= 0x5A; // inside the 8-byte fingerprint

        RawTelemetry raw = deserializer.read(record("v-1", bytes, 0));

        assertThat(raw.getRejectReason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
        assertThat(raw.getPayload()).isEqualTo(bytes);
    }

    @Test
    void aTombstoneIsMalformedWithAnEmptyPayload() {
        RawTelemetry raw = deserializer.read(record("v-1", null, 0));

        assertThat(raw.getRejectReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(raw.getRejectDetail()).contains("no value");
        assertThat(raw.getPayload()).isEmpty();
    }

    @Test
    void everyTruncationOfAValidRecordIsMalformed() {
        byte[] bytes = WIRE.encode(validEvent("v-1", 1));
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);

            RawTelemetry raw = deserializer.read(record("v-1", cut, length));

            assertThat(raw.getRejectReason())
                    .as("length %d", length)
                    .isEqualTo(RejectReason.MALFORMED);
            assertThat(raw.getPayload()).isEqualTo(cut);
        }
    }

    @Test
    void neverThrowsOnCorruptBodiesBehindAValidHeader() {
        byte[] valid = WIRE.encode(validEvent("v-1", 1));
        Random random = new Random(20260301);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] corrupt = Arrays.copyOf(valid, 10 + random.nextInt(valid.length * 2));
            for (int j = 10; j < corrupt.length; j++) {
                if (j >= valid.length || random.nextInt(8) == 0) {
                    corrupt[j] = (byte) random.nextInt(256);
                }
            }

            RawTelemetry raw = deserializer.read(record("v-1", corrupt, i));

            if (raw.isDecoded()) {
                decoded++;
            } else {
                assertThat(raw.getRejectReason()).isEqualTo(RejectReason.MALFORMED);
                assertThat(raw.getPayload()).isSameAs(corrupt);
            }
        }
        // Some corruptions are still well-formed Avro; the validator judges those.
        assertThat(decoded).isLessThan(20_000);
    }

    @Test
    void flinkSerializesTheResultAsPojoWithAnAvroEventNotWithKryo() throws Exception {
        TypeInformation<RawTelemetry> type = deserializer.getProducedType();

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<RawTelemetry> pojo = (PojoTypeInfo<RawTelemetry>) type;
        assertThat(pojo.<TelemetryEvent>getTypeAt("event")).isInstanceOf(AvroTypeInfo.class);

        TypeSerializer<RawTelemetry> serializer = type.createSerializer(new SerializerConfigImpl());
        for (RawTelemetry raw :
                List.of(
                        deserializer.read(record(validEvent("v-1", 9), 11)),
                        deserializer.read(record("v-2", new byte[] {(byte) 0xC3, 1, 2}, 12)),
                        deserializer.read(record(null, null, 13)))) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(raw, out);
            RawTelemetry back =
                    serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(raw);
            assertThat(serializer.copy(raw)).isEqualTo(raw);
        }
    }
}
