package io.fleetpulse.loadgen.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.physics.VehicleState;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A vehicle drives the same whether it reports every second or every 5 s: the simulator steps the
 * physics in at most {@link VehicleSimulator#MAX_PHYSICS_STEP_S} (integrated over 5 s, the driver
 * overshot speed limits, and sparse fleets looked like speeders).
 */
class PhysicsStepTest {

    private static final long START = 1_772_366_400_000L;

    private static VehicleSimulator vehicle() {
        SimulationConfig config =
                SimulationConfig.defaults(START)
                        .withVehicles(1, 1)
                        .withAnomalies(AnomalyConfig.NONE)
                        .withMissingness(MissingnessConfig.NONE);
        return new VehicleSimulator("V00000", "D00000", config, new SplittableRandom(42));
    }

    @Test
    void reportingEvery5sDrivesAsReportingEverySecond() {
        VehicleSimulator everySecond = vehicle();
        VehicleSimulator every5s = vehicle();
        double startLat = everySecond.state().lat;
        double startLon = everySecond.state().lon;
        for (int t = 1; t <= 1_800; t++) { // half an hour
            everySecond.step(1.0, START + t * 1_000L, label -> {});
            if (t % 5 == 0) {
                every5s.step(5.0, START + t * 1_000L, label -> {});
                VehicleState a = everySecond.state();
                VehicleState b = every5s.state();
                assertThat(b.speedMps).as("speed at %d s", t).isEqualTo(a.speedMps);
                assertThat(b.lat).as("latitude at %d s", t).isEqualTo(a.lat);
                assertThat(b.lon).as("longitude at %d s", t).isEqualTo(a.lon);
            }
        }
        VehicleState end = everySecond.state();
        assertThat(Math.abs(end.lat - startLat) + Math.abs(end.lon - startLon))
                .as("it drove")
                .isGreaterThan(0.001);
    }
}
