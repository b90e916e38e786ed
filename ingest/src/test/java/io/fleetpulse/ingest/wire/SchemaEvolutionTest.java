package io.fleetpulse.ingest.wire;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution: bytes written with an older TelemetryEvent schema (the current one minus {@code
 * brakePadMm}, as if that field were added later) still decode once the older schema is known, with
 * the added field null; and every current schema is in the bundled history.
 */
class SchemaEvolutionTest {

    private static final Path CURRENT_DIR = Path.of("src/main/resources/avro/current");

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
    void releasedV1EventDecodesWithoutARoadSpeedLimit() throws IOException {
        Schema v1 = parse("avro/history/TelemetryEvent-v1.avsc");
        assertThat(v1.getField(ContextReading.ROAD_SPEED_LIMIT.field())).isNull();
        TelemetryEvent sent = fullEvent("VEH-0001", 5);
        ContextReading.ROAD_SPEED_LIMIT.set(sent, 50.0);

        TelemetryEvent back = AvroWire.of(TelemetryEvent.class).decode(encodeWith(v1, sent));

        assertThat(ContextReading.ROAD_SPEED_LIMIT.get(back)).isNull();
        for (Sensor s : Sensor.ALL) {
            assertThat(s.get(back)).as(s.field()).isEqualTo(s.get(sent));
        }
    }

    @Test
    void currentEventCarriesTheRoadSpeedLimit() throws IOException {
        TelemetryEvent sent = fullEvent("VEH-0001", 5);
        ContextReading.ROAD_SPEED_LIMIT.set(sent, 80.0);
        AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);

        TelemetryEvent back = wire.decode(wire.encode(sent));

        assertThat(ContextReading.ROAD_SPEED_LIMIT.get(back)).isEqualTo(80.0);
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
    @MethodSource("currentSchemas")
    void historyContainsTheCurrentSchema(Schema current) {
        List<Long> released =
                SchemaHistory.versionsOf(current.getFullName()).stream()
                        .map(SchemaEvolutionTest::fingerprint)
                        .toList();
        assertThat(released)
                .as(
                        "a changed %s must be released: add it to avro/history and INDEX",
                        current.getName())
                .contains(fingerprint(current));
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryReleasedVersion(Schema current) {
        List<Schema> released = SchemaHistory.versionsOf(current.getFullName());
        assertThat(released).isNotEmpty();
        for (Schema writer : released) {
            assertThat(
                            SchemaCompatibility.checkReaderWriterCompatibility(current, writer)
                                    .getType())
                    .as(
                            "current %s reading released version %s",
                            current.getName(), writer.getDoc())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    /** Every schema in avro/current (read from the module's sources, so new ones count too). */
    static Stream<Schema> currentSchemas() throws IOException {
        try (Stream<Path> files = Files.list(CURRENT_DIR)) {
            List<Path> avsc = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
            assertThat(avsc).isNotEmpty();
            List<Schema> out = new ArrayList<>();
            for (Path p : avsc) {
                out.add(new Schema.Parser().parse(p.toFile()));
            }
            return out.stream();
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
