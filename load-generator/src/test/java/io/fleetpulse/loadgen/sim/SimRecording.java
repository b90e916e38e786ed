package io.fleetpulse.loadgen.sim;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.VehicleState;
import io.fleetpulse.loadgen.sensors.SensorModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation run kept in compact arrays for tests: per sent event its vehicle, time, seq, every
 * reading (NaN = missing), the true values, the speed limit and the vehicle phase; plus the labels.
 */
public final class SimRecording {

    public static final int S = SensorModel.COUNT;

    public final FleetSimulator sim;
    public final int n;
    public final int[] vehicle;
    public final long[] time;
    public final long[] seq;
    public final double[] reading;
    public final double[] truth;
    public final int[] limitKmh;
    public final VehicleState.Phase[] phase;
    public final List<AnomalyLabel> labels = new ArrayList<>();
    private final int[][] byVehicle;

    private SimRecording(SimulationConfig config, int events) {
        this.sim = new FleetSimulator(config, labels::add);
        this.n = events;
        vehicle = new int[n];
        time = new long[n];
        seq = new long[n];
        reading = new double[n * S];
        truth = new double[n * S];
        limitKmh = new int[n];
        phase = new VehicleState.Phase[n];
        TelemetryEvent e = new TelemetryEvent();
        int vehicles = config.vehicles();
        int[] counts = new int[vehicles];
        for (int i = 0; i < n; i++) {
            long slot = sim.next(e);
            int v = (int) (slot % vehicles);
            VehicleSimulator vs = sim.lastVehicle();
            vehicle[i] = v;
            counts[v]++;
            time[i] = e.getEventTime();
            seq[i] = e.getSeq();
            for (Sensor s : SensorModel.SENSORS) {
                Double d = s.get(e);
                reading[i * S + s.ordinal()] = d == null ? Double.NaN : d;
                truth[i * S + s.ordinal()] = vs.truth(s);
            }
            limitKmh[i] = vs.speedLimitKmh();
            phase[i] = vs.state().phase;
        }
        sim.finish();
        byVehicle = new int[vehicles][];
        for (int v = 0; v < vehicles; v++) {
            byVehicle[v] = new int[counts[v]];
        }
        int[] fill = new int[vehicles];
        for (int i = 0; i < n; i++) {
            byVehicle[vehicle[i]][fill[vehicle[i]]++] = i;
        }
    }

    /** Runs {@code config} for {@code events} sent events. */
    public static SimRecording record(SimulationConfig config, int events) {
        return new SimRecording(config, events);
    }

    public double reading(int event, Sensor s) {
        return reading[event * S + s.ordinal()];
    }

    public double truth(int event, Sensor s) {
        return truth[event * S + s.ordinal()];
    }

    public boolean present(int event, Sensor s) {
        return !Double.isNaN(reading(event, s));
    }

    /** Indexes of a vehicle's events, in time order. */
    public int[] eventsOf(int vehicleIndex) {
        return byVehicle[vehicleIndex];
    }

    public int vehicles() {
        return byVehicle.length;
    }

    /** Index of a vehicle from its id (V00042 -> 42). */
    public static int vehicleIndex(String vehicleId) {
        return Integer.parseInt(vehicleId.substring(1));
    }
}
