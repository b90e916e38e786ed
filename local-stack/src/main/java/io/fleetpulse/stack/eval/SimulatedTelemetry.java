package io.fleetpulse.stack.eval;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.impute.eval.TelemetryRow;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The fleet simulator's telemetry as rows of sensor values in stream order, generated as fast as
 * the CPU allows (simulated clock), for evaluations.
 */
final class SimulatedTelemetry implements Iterator<TelemetryRow> {

    private final FleetSimulator simulator;
    private final long endMs;
    private final TelemetryEvent event = new TelemetryEvent();
    private TelemetryRow next;

    SimulatedTelemetry(SimulationConfig config, long durationMs) {
        this.simulator = new FleetSimulator(config, label -> {});
        this.endMs = config.startEpochMs() + durationMs;
        advance();
    }

    /** The sensor columns, in {@link Sensor} order. */
    static String[] columns() {
        return Sensor.ALL.stream().map(Sensor::field).toArray(String[]::new);
    }

    private void advance() {
        long slot = simulator.next(event);
        if (simulator.eventTimeMs(slot) >= endMs) {
            next = null;
            return;
        }
        double[] values = new double[Sensor.ALL.size()];
        for (Sensor s : Sensor.ALL) {
            Double v = s.get(event);
            values[s.ordinal()] = v == null ? Double.NaN : v;
        }
        next = new TelemetryRow(event.getVehicleId(), event.getEventTime(), values);
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public TelemetryRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        TelemetryRow out = next;
        advance();
        return out;
    }
}
