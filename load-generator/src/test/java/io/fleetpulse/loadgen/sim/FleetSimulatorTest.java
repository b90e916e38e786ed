package io.fleetpulse.loadgen.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet's clock, ordering, identities, validity and determinism. */
class FleetSimulatorTest {

    private static final long START = 1_735_718_400_000L;

    private static SimulationConfig config(long seed) {
        return SimulationConfig.defaults(START)
                .withVehicles(200, 1000)
                .withSeed(seed)
                .withMissingness(MissingnessConfig.DEFAULT)
                .withAnomalies(new AnomalyConfig(30, EnumSet.allOf(AnomalyKind.class)));
    }

    /** SHA-256 over every encoded event and every label of a run. */
    private static String fingerprint(SimulationConfig config, int events) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<AnomalyLabel> labels = new ArrayList<>();
        FleetSimulator sim = new FleetSimulator(config, labels::add);
        AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
        AvroWire<AnomalyLabel> labelWire = AvroWire.of(AnomalyLabel.class);
        TelemetryEvent event = new TelemetryEvent();
        for (int i = 0; i < events; i++) {
            sim.next(event);
            digest.update(wire.encode(event));
        }
        sim.finish();
        assertThat(labels).isNotEmpty();
        for (AnomalyLabel label : labels) {
            digest.update(labelWire.encode(label));
        }
        return HexFormat.of().formatHex(digest.digest()) + " labels=" + labels.size();
    }

    @Test
    void sameSeedAndConfigGiveIdenticalEventsAndLabels() throws Exception {
        assertThat(fingerprint(config(7), 300_000)).isEqualTo(fingerprint(config(7), 300_000));
    }

    @Test
    void anotherSeedGivesOtherEvents() throws Exception {
        assertThat(fingerprint(config(7), 100_000)).isNotEqualTo(fingerprint(config(8), 100_000));
    }

    @Test
    void changingMissingnessLeavesTheDrivingAlone() {
        SimulationConfig clean = config(7).withAnomalies(AnomalyConfig.NONE);
        SimRecording a = SimRecording.record(clean.withMissingness(MissingnessConfig.NONE), 20_000);
        SimRecording b =
                SimRecording.record(
                        clean.withMissingness(new MissingnessConfig(0.3, 10, 30, 1, 0)), 20_000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(b.truth(i, io.fleetpulse.ingest.telemetry.Sensor.SPEED))
                    .isEqualTo(a.truth(i, io.fleetpulse.ingest.telemetry.Sensor.SPEED));
        }
    }

    @Test
    void eventTimeFollowsTheSimulatedClockWithVehiclesEvenlyInterleaved() {
        FleetSimulator sim =
                new FleetSimulator(config(1).withMissingness(MissingnessConfig.NONE), l -> {});
        TelemetryEvent e = new TelemetryEvent();
        Map<String, Long> lastSeq = new HashMap<>();
        long previousTime = START;
        for (int i = 0; i < 10_000; i++) {
            long slot = sim.next(e);
            assertThat(slot).isEqualTo(i);
            // 1000 events/s: slot g happens g ms after the start; vehicle = slot mod 200.
            assertThat(e.getEventTime()).isEqualTo(START + i);
            assertThat(e.getEventTime()).isGreaterThanOrEqualTo(previousTime);
            previousTime = e.getEventTime();
            assertThat(e.getVehicleId()).isEqualTo(String.format("V%05d", i % 200));
            assertThat(e.getDriverId()).isEqualTo(String.format("D%05d", i % 200));
            Long before = lastSeq.put(e.getVehicleId(), e.getSeq());
            // Each vehicle counts on from the start time (ms), one per message.
            assertThat(e.getSeq()).isEqualTo(before == null ? START : before + 1);
        }
    }

    @Test
    void everyEventPassesTheIngestValidator() {
        FleetSimulator sim = new FleetSimulator(config(3), l -> {});
        TelemetryValidator validator = TelemetryValidator.ignoringTime();
        TelemetryEvent e = new TelemetryEvent();
        for (int i = 0; i < 200_000; i++) {
            sim.next(e);
            assertThat(validator.validate(e)).as("event %d: %s", i, e).isEmpty();
        }
    }

    @Test
    void rejectsImplausibleConfigurations() {
        assertThatThrownBy(() -> SimulationConfig.defaults(START).withVehicles(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationConfig.defaults(START).withVehicles(10, 100_000))
                .hasMessageContaining("Hz per vehicle");
        assertThatThrownBy(() -> new MissingnessConfig(1.5, 0, 30, 0, 0))
                .hasMessageContaining("dropout rate");
        assertThatThrownBy(() -> new AnomalyConfig(-1, EnumSet.allOf(AnomalyKind.class)))
                .hasMessageContaining("anomaly rate");
    }
}
