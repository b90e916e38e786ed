package io.fleetpulse.loadgen.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sink.MessageEncoder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading a vehicle ahead of its step ({@link VehicleSimulator#prefetchVehicle()} and the later
 * stages) changes nothing.
 */
class PrefetchTest {

    @Test
    void prefetchingVehiclesAtAnyTimeLeavesEventsAndLabelsUnchanged() {
        SimulationConfig config =
                SimulationConfig.defaults(1_735_718_400_000L)
                        .withVehicles(50, 250)
                        .withMissingness(MissingnessConfig.DEFAULT)
                        .withAnomalies(new AnomalyConfig(30, EnumSet.allOf(AnomalyKind.class)));
        List<AnomalyLabel> plainLabels = new ArrayList<>();
        List<AnomalyLabel> touchedLabels = new ArrayList<>();
        FleetSimulator plain = new FleetSimulator(config, plainLabels::add);
        FleetSimulator touched = new FleetSimulator(config, touchedLabels::add);
        MessageEncoder encoder = MessageEncoder.forCurrentSchema();
        long sum = 0;
        for (int i = 0; i < 100_000; i++) {
            for (int v = 0; v < config.vehicles(); v += 1 + i % 7) {
                VehicleSimulator vehicle = touched.vehicle(v);
                sum += vehicle.prefetchVehicle() + vehicle.prefetchParts() + vehicle.prefetchDeep();
            }
            assertThat(touched.advance()).isEqualTo(plain.advance());
            assertThat(encoder.encode(touched.message()))
                    .isEqualTo(encoder.encode(plain.message()));
        }
        plain.finish();
        touched.finish();
        assertThat(touchedLabels).isEqualTo(plainLabels).isNotEmpty();
        assertThat(sum).isNotZero();
    }
}
