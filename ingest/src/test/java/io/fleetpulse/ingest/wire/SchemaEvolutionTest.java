package io.fleetpulse.ingest.wire;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema evolution: bytes written with an older TelemetryEvent schema (the current one minus {@code
 * brakePadMm}, as if that field were added later) still decode once the older schema is known, with
 * the added field null; and every current schema is in the bundled history.
 */
class SchemaEvolutionTest {

    private static final String OLDER = "avro/older/TelemetryEvent-without-brakePadMm.avsc";

    @Test
    void eventWrittenWithOlderSchemaDecodesWithNewFieldNull() throws IOException {
        Schema older = parse(OLDER);
        assertThat(older.getField("brakePadMm")).isNull();
        assertThat(fingerprint(older)).isNotEqualTo(fingerprint(TelemetryEvent.getClassSchema()));
        TelemetryEvent sent = fullEvent("VEH-0001", 5);
        byte[] olderBytes = encodeWith(older, sent);

        TelemetryEvent back = AvroWire.of(TelemetryEvent.class, List.of(older)).decode(olderBytes);

        assertThat(Sensor.BRAKE_PAD.get(back)).isNull();
        assertThat(back.getVehicleId()).isEqualTo(sent.getVehicleId());
        assertThat(back.getDriverId()).isEqualTo(sent.getDriverId());
        assertThat(back.getEventTime()).isEqualTo(sent.getEventTime());
        assertThat(back.getSeq()).isEqualTo(sent.getSeq());
        for (Sensor s : Sensor.ALL) {
            if (s != Sensor.BRAKE_PAD) {
                assertThat(s.get(back)).as(s.field()).isEqualTo(s.get(sent));
            }
        }
    }

    @Test
    void olderSchemaThatWasNeverReleasedIsUnknown() throws IOException {
        byte[] olderBytes = encodeWith(parse(OLDER), fullEvent("VEH-0001", 5));
        assertThatThrownBy(() -> AvroWire.of(TelemetryEvent.class).decode(olderBytes))
                .isInstanceOf(WireFormatException.class)
                .extracting(e -> ((WireFormatException) e).reasonCode())
                .isEqualTo("UNKNOWN_SCHEMA");
    }

    @ParameterizedTest
    @ValueSource(classes = {TelemetryEvent.class, DeadLetter.class, AnomalyLabel.class})
    void historyContainsTheCurrentSchema(Class<? extends SpecificRecord> type) throws Exception {
        Schema current = (Schema) type.getMethod("getClassSchema").invoke(null);
        List<Long> released =
                SchemaHistory.versionsOf(current.getFullName()).stream()
                        .map(SchemaEvolutionTest::fingerprint)
                        .toList();
        assertThat(released)
                .as("a changed %s schema must be added to avro/history and INDEX", type)
                .contains(fingerprint(current));
    }

    @ParameterizedTest
    @ValueSource(classes = {TelemetryEvent.class, DeadLetter.class, AnomalyLabel.class})
    void currentSchemaReadsEveryReleasedVersion(Class<? extends SpecificRecord> type)
            throws Exception {
        Schema current = (Schema) type.getMethod("getClassSchema").invoke(null);
        List<Schema> released = SchemaHistory.versionsOf(current.getFullName());
        assertThat(released).isNotEmpty();
        for (Schema writer : released) {
            assertThat(
                            SchemaCompatibility.checkReaderWriterCompatibility(current, writer)
                                    .getType())
                    .as("current %s reading released version %s", type, writer.getDoc())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    private static byte[] encodeWith(Schema writer, TelemetryEvent event) throws IOException {
        GenericRecord r = new GenericData.Record(writer);
        for (Schema.Field f : writer.getFields()) {
            r.put(f.name(), event.get(f.name()));
        }
        ByteBuffer buf =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in =
                SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    private static long fingerprint(Schema s) {
        return SchemaNormalization.parsingFingerprint64(s);
    }
}
