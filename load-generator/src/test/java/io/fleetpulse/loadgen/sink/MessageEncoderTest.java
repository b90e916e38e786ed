package io.fleetpulse.loadgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Encoding straight from the simulator writes exactly AvroWire's bytes for the same record. */
class MessageEncoderTest {

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);

    @Test
    void knowsTheCurrentSchema() {
        assertThat(MessageEncoder.forCurrentSchema()).isNotNull();
    }

    @Test
    void writesTheSameBytesAsAvroWireForSimulatedMessages() {
        MessageEncoder direct = MessageEncoder.forCurrentSchema();
        MessageEncoder reusing = MessageEncoder.forCurrentSchema();
        Function<TelemetryMessage, byte[]> best = MessageEncoder.best();
        FleetSimulator sim =
                new FleetSimulator(
                        SimulationConfig.defaults(1_735_718_400_000L)
                                .withVehicles(300, 1500)
                                .withMissingness(new MissingnessConfig(0.2, 5, 30, 2, 0.01))
                                .withAnomalies(
                                        new AnomalyConfig(20, EnumSet.allOf(AnomalyKind.class))),
                        l -> {});
        TelemetryEvent e = new TelemetryEvent();
        int withLimit = 0;
        for (int i = 0; i < 100_000; i++) {
            sim.advance();
            TelemetryMessage m = sim.message();
            m.fill(e);
            byte[] expected = wire.encode(e);
            assertThat(direct.encode(m)).isEqualTo(expected);
            assertThat(best.apply(m)).isEqualTo(expected);
            assertThat(reusing.encodeReusing(m)).isEqualTo(expected);
            assertThat(m.vehicleIdUtf8()).asString().isEqualTo(e.getVehicleId());
            withLimit += e.getRoadSpeedLimitKmh() != null ? 1 : 0;
        }
        // the posted limit (a context reading) is written both when reported and when not
        assertThat(withLimit).isBetween(1, 99_999);
        assertThat(wire.decode(direct.encode(sim.message()))).isEqualTo(e);
    }

    @Test
    void reusesOneArrayPerLength() {
        MessageEncoder reusing = MessageEncoder.forCurrentSchema();
        FleetSimulator sim =
                new FleetSimulator(SimulationConfig.defaults(1_735_718_400_000L), l -> {});
        Map<Integer, byte[]> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            sim.advance();
            byte[] fresh = reusing.encode(sim.message());
            byte[] reused = reusing.encodeReusing(sim.message());
            assertThat(reused).isEqualTo(fresh).isNotSameAs(fresh);
            assertThat(seen.computeIfAbsent(reused.length, n -> reused)).isSameAs(reused);
        }
        assertThat(seen.size()).isGreaterThan(1).isLessThan(100);
    }
}
