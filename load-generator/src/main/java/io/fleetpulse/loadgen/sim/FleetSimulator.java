package io.fleetpulse.loadgen.sim;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The fleet on one simulated clock: message slot {@code g} belongs to vehicle {@code g mod N} and
 * happens {@code g / rate} seconds after the start, so every vehicle reports at the same steady
 * period with the fleet's messages evenly interleaved in event-time order. {@link #next} produces
 * the next message that is not lost; lost messages use up their slot and their vehicle's seq.
 *
 * <p>Deterministic: the same {@link SimulationConfig} gives the same events and labels. Not
 * thread-safe; one simulator per producing thread.
 */
public final class FleetSimulator {

    private final SimulationConfig config;
    private final VehicleSimulator[] vehicles;
    private final Consumer<AnomalyLabel> labels;
    private final double nanosPerSlot;
    private final double periodS;
    private long nextSlot;
    private long slot = -1;
    private VehicleSimulator last;
    private long lost;

    /**
     * @param config what to simulate
     * @param labels receives ground-truth labels as anomaly episodes end (on the calling thread)
     */
    public FleetSimulator(SimulationConfig config, Consumer<AnomalyLabel> labels) {
        this.config = config;
        this.labels = labels;
        this.nanosPerSlot = 1e9 / config.eventsPerSecond();
        this.periodS = config.periodS();
        int n = config.vehicles();
        int digits = Math.max(5, Integer.toString(n - 1).length());
        String format = "%0" + digits + "d";
        SplittableRandom master = new SplittableRandom(config.seed());
        vehicles = new VehicleSimulator[n];
        for (int i = 0; i < n; i++) {
            String number = String.format(format, i);
            vehicles[i] = new VehicleSimulator("V" + number, "D" + number, config, master.split());
        }
    }

    public SimulationConfig config() {
        return config;
    }

    /**
     * Simulates up to the next message that is sent and writes it into {@code event}.
     *
     * @return the message's slot (see {@link #offsetNanos(long)})
     */
    public long next(TelemetryEvent event) {
        while (true) {
            long g = nextSlot++;
            VehicleSimulator v = vehicles[(int) (g % vehicles.length)];
            long eventTimeMs = eventTimeMs(g);
            if (v.step(periodS, eventTimeMs, labels)) {
                v.fill(event, eventTimeMs);
                slot = g;
                last = v;
                return g;
            }
            lost++;
        }
    }

    /** Nanoseconds from the start at which slot {@code g} happens (its intended send time). */
    public long offsetNanos(long g) {
        return (long) (g * nanosPerSlot);
    }

    /** Event time of slot {@code g}. */
    public long eventTimeMs(long g) {
        return config.startEpochMs() + offsetNanos(g) / 1_000_000;
    }

    /** Slot of the latest message from {@link #next}. */
    public long slot() {
        return slot;
    }

    /** Slots simulated so far, sent or lost. */
    public long slotsSimulated() {
        return nextSlot;
    }

    /** Messages lost so far. */
    public long messagesLost() {
        return lost;
    }

    /** The vehicle of the latest message (its truth and state, for tests and diagnostics). */
    public VehicleSimulator lastVehicle() {
        return last;
    }

    public VehicleSimulator vehicle(int index) {
        return vehicles[index];
    }

    /** Closes every open anomaly episode, handing over the labels of those already visible. */
    public void finish() {
        for (VehicleSimulator v : vehicles) {
            v.finish(labels);
        }
    }
}
