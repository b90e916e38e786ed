package io.fleetpulse.flink.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Test;

/** The shuffle's serializer: every field back as it was, nulls and very long ids included. */
class TelemetryEventSerializerTest {

    private static final TelemetryEventSerializer SERIALIZER = TelemetryEventSerializer.INSTANCE;

    @Test
    void readsBackEveryFieldWithMissingSensorsStillMissing() throws IOException {
        TelemetryEvent e = event("veh-7");
        e.setSpeedKmh(null);
        e.setCoolantTempC(null);
        e.setBrakePadMm(-0.0);
        e.setEngineRpm(Double.NaN);

        TelemetryEvent back = roundTrip(e);

        assertThat(back).isEqualTo(e);
        assertThat(back.getSpeedKmh()).isNull();
        assertThat(back.getCoolantTempC()).isNull();
        assertThat(back.getEngineRpm()).isNaN();
    }

    @Test
    void idsLongerThanWriteUtfAllowsSurvive() throws IOException {
        TelemetryEvent e = event("v".repeat(70_000) + "é");
        assertThat(roundTrip(e).getVehicleId()).isEqualTo(e.getVehicleId());
    }

    @Test
    void writesFewerBytesThanFlinksAvroSerializer() throws IOException {
        TelemetryEvent e = event("veh-7");
        DataOutputSerializer compact = new DataOutputSerializer(256);
        SERIALIZER.serialize(e, compact);
        DataOutputSerializer avro = new DataOutputSerializer(256);
        new AvroSerializer<>(TelemetryEvent.class).serialize(e, avro);
        // Both carry the same values; the compact form has no per-datum schema resolution and
        // is no larger than Avro's (fixed 8-byte longs against a null flag per sensor).
        assertThat(compact.length()).isLessThanOrEqualTo(avro.length() + 16);
        assertThat(SERIALIZER.copy(e)).isEqualTo(e).isNotSameAs(e);
    }

    @Test
    void aFieldTypeWithoutACaseFailsLoudly() {
        Schema withInt =
                SchemaBuilder.record("T").fields().requiredString("a").requiredInt("n").endRecord();
        assertThatThrownBy(() -> TelemetryEventSerializer.kinds(withInt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field n");
    }

    private static TelemetryEvent roundTrip(TelemetryEvent e) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(e, out);
        SERIALIZER.serialize(event("next"), out); // a second record right behind the first
        DataInputDeserializer in =
                new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        TelemetryEvent back = SERIALIZER.deserialize(in);
        assertThat(SERIALIZER.deserialize(in).getVehicleId()).isEqualTo("next");
        assertThat(in.available()).isZero();
        return back;
    }

    private static TelemetryEvent event(String vehicle) {
        TelemetryEvent e = new TelemetryEvent();
        for (int i = 0; i < TelemetryEvent.getClassSchema().getFields().size(); i++) {
            Schema.Type t = TelemetryEvent.getClassSchema().getFields().get(i).schema().getType();
            Object value;
            if (t == Schema.Type.STRING) {
                value = "s" + i;
            } else if (t == Schema.Type.LONG) {
                value = 1_000L + i;
            } else {
                value = i + 0.5;
            }
            e.put(i, value);
        }
        e.setVehicleId(vehicle);
        e.setDriverId("drv-1");
        e.setEventTime(1_767_225_600_123L);
        e.setSeq(42L);
        return e;
    }
}
