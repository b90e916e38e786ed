package io.fleetpulse.flink.impute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.testing.TelemetryFixtures;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImputeTelemetryTest {

    private static final long T0 = TelemetryFixtures.NOW.toEpochMilli();
    private static final Duration IDLE = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry>
            harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry>
            newHarness() throws Exception {
        MiceConfig config = MiceConfig.defaults().withMinObservations(20);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ImputeTelemetry(config, IDLE, true)),
                TelemetryEvent::getVehicleId,
                Types.STRING);
    }

    private static TelemetryEvent event(String vehicle, long seq, long time) {
        TelemetryEvent e = TelemetryFixtures.validEvent(vehicle, seq);
        e.setEventTime(time);
        Sensor.SPEED.set(e, 20.0 + seq % 7);
        Sensor.ENGINE_RPM.set(e, 800 + 50.0 * (seq % 7));
        return e;
    }

    private void send(TelemetryEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.getEventTime()));
    }

    @Test
    void fillsMissingSensorsAndFlagsThem() throws Exception {
        harness = newHarness();
        harness.open();
        TelemetryEvent e = event("V1", 1, T0);
        Sensor.COOLANT_TEMP.set(e, null);
        send(event("V1", 0, T0 - 200));
        send(e);
        List<ImputedTelemetry> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        ImputedTelemetry second = out.get(1);
        assertThat(ImputedFields.imputed(second, Sensor.COOLANT_TEMP)).isTrue();
        assertThat(ImputedFields.value(second, Sensor.COOLANT_TEMP))
                .isEqualTo(
                        (Sensor.COOLANT_TEMP.min() + Sensor.COOLANT_TEMP.max())
                                / 2); // last observed
        assertThat(second.getColdStartSensors()).containsExactly("coolantTempC");
        assertThat(ImputedFields.imputed(second, Sensor.SPEED)).isFalse();
        assertThat(second.getImputedCount()).isEqualTo(1);
    }

    @Test
    void dropsRepeatedSequenceNumbers() throws Exception {
        harness = newHarness();
        harness.open();
        send(event("V1", 7, T0));
        send(event("V1", 7, T0)); // a device retry
        send(event("V2", 7, T0)); // another vehicle may use the same number
        assertThat(harness.extractOutputValues())
                .extracting(ImputedTelemetry::getVehicleId)
                .containsExactly("V1", "V2");
    }

    @Test
    void sendsEventsBehindTheWatermarkToTheLateOutput() throws Exception {
        harness = newHarness();
        harness.open();
        send(event("V1", 1, T0));
        harness.processWatermark(T0 + 5_000);
        send(event("V1", 2, T0 + 1_000));
        send(event("V1", 3, T0 + 6_000));
        assertThat(harness.extractOutputValues())
                .extracting(ImputedTelemetry::getSeq)
                .containsExactly(1L, 3L);
        assertThat(harness.getSideOutput(ImputeTelemetry.LATE))
                .extracting(r -> r.getValue().getSeq())
                .containsExactly(2L);
    }

    @Test
    void clearsTheStateOfVehiclesThatWentQuiet() throws Exception {
        harness = newHarness();
        harness.open();
        send(event("V1", 1, T0));
        send(event("V2", 1, T0));
        harness.processWatermark(T0 + IDLE.toMillis() / 2);
        send(event("V2", 2, T0 + IDLE.toMillis() / 2 + 1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        harness.processWatermark(T0 + IDLE.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // V1 forgotten, V2 still active
        harness.processWatermark(T0 + 2 * IDLE.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        // A vehicle coming back starts afresh: its old sequence numbers are no duplicates any more.
        send(event("V1", 1, T0 + 2 * IDLE.toMillis() + 1));
        assertThat(harness.extractOutputValues()).hasSize(4);
    }

    @Test
    void keepsTheLearnedModelAcrossARestore() throws Exception {
        harness = newHarness();
        harness.open();
        for (int i = 0; i < 200; i++) {
            send(event("V" + (i % 5), i, T0 + i * 200L));
        }
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 50_000);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        TelemetryEvent e = event("V9", 1, T0 + 60_000);
        Sensor.ENGINE_RPM.set(e, null);
        send(e);
        ImputedTelemetry out = harness.extractOutputValues().get(0);
        assertThat(out.getColdStartSensors()).isEmpty(); // the restored model, not a cold start
        assertThat(ImputedFields.value(out, Sensor.ENGINE_RPM)).isBetween(800.0, 1100.0);
    }
}
