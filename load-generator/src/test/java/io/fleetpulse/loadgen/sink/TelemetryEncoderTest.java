package io.fleetpulse.loadgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/** The fast encoder writes exactly AvroWire's bytes. */
class TelemetryEncoderTest {

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
    private final TelemetryEncoder fast = TelemetryEncoder.forCurrentSchema();

    @Test
    void knowsTheCurrentSchema() {
        assertThat(fast).isNotNull();
    }

    @Test
    void writesTheSameBytesAsAvroWireForSimulatedEvents() {
        FleetSimulator sim =
                new FleetSimulator(
                        SimulationConfig.defaults(1_735_718_400_000L)
                                .withVehicles(300, 1500)
                                .withMissingness(new MissingnessConfig(0.2, 5, 30, 2, 0.01)),
                        l -> {});
        TelemetryEvent e = new TelemetryEvent();
        for (int i = 0; i < 100_000; i++) {
            sim.next(e);
            byte[] bytes = fast.encode(e);
            assertThat(bytes).isEqualTo(wire.encode(e));
        }
        assertThat(wire.decode(fast.encode(e))).isEqualTo(e);
    }

    @Test
    void writesTheSameBytesForEdgeValues() {
        TelemetryEvent e = new TelemetryEvent();
        e.setVehicleId("Fahrzeug-Ü-äöß-車");
        e.setDriverId("");
        for (long n : new long[] {0, 1, -1, 63, 64, -65, Long.MAX_VALUE, Long.MIN_VALUE}) {
            e.setEventTime(n);
            e.setSeq(-n);
            int k = 0;
            for (Sensor s : Sensor.values()) {
                double[] values = {0.0, -0.0, Double.NaN, Double.MIN_VALUE, -1e300, 1e-300};
                s.set(e, k % 7 == 6 ? null : values[k % values.length]);
                k++;
            }
            assertThat(fast.encode(e)).isEqualTo(wire.encode(e));
        }
    }
}
