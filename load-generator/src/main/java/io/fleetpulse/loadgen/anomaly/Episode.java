package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;
import java.util.function.Consumer;

/**
 * One injected anomaly of one vehicle, from its start until the data no longer shows it. It may
 * disturb the physics (a driver braking harshly) or distort readings (a stuck sensor). Each
 * unbroken run of messages that show it becomes one label, from the run's first to its last sent
 * message: a label covers exactly the events that show its anomaly, never a quiet lead-in, gap or
 * tail (an engine that overheats twice during one cooling fault gives two labels).
 */
public abstract class Episode {

    private final AnomalyKind kind;
    private final Sensor sensor;

    /** Simulated second at which the cause stops (the anomaly may show a little longer). */
    protected final double endsS;

    private long firstShownMs = -1;
    private long lastShownMs = -1;
    private long shownEvents;

    protected Episode(AnomalyKind kind, Sensor sensor, double endsS) {
        this.kind = kind;
        this.sensor = sensor;
        this.endsS = endsS;
    }

    public AnomalyKind kind() {
        return kind;
    }

    /** The affected sensor for sensor faults, else null. */
    public Sensor sensor() {
        return sensor;
    }

    /** Sets physical effects for the coming step. */
    public void disturb(VehicleState s, Route route, Disturbances d) {}

    /** Changes this message's readings (indexed by sensor ordinal) after measurement. */
    public void distort(VehicleState s, double[] truth, double[] reading) {}

    /** Whether the cause is still active after the step. */
    protected abstract boolean injecting(VehicleState s, Route route);

    /**
     * Whether this message shows the anomaly: physical ones by the true state (a missing reading
     * does not make a vehicle stop speeding), sensor faults while the fault is on.
     */
    protected abstract boolean shows(VehicleState s, Route route, double[] truth);

    /** What happened, in words, with the figures that matter. */
    protected abstract String describe();

    /**
     * Looks at the message just produced.
     *
     * @param emitted whether the message is sent (not lost)
     * @param labels receives the label of a run of showing messages that just ended
     * @return true when the episode is over: the cause stopped and the data no longer shows it
     */
    public final boolean observe(
            VehicleState s,
            Route route,
            double[] truth,
            boolean emitted,
            long eventTimeMs,
            String vehicleId,
            String driverId,
            Consumer<AnomalyLabel> labels) {
        boolean shows = shows(s, route, truth);
        if (shows && emitted) {
            if (firstShownMs < 0) {
                firstShownMs = eventTimeMs;
            }
            lastShownMs = eventTimeMs;
            shownEvents++;
        } else if (!shows) {
            closeRun(vehicleId, driverId, labels);
        }
        return !shows && !injecting(s, route);
    }

    /** Hands over the label of the current run, if it has sent messages, and starts a new run. */
    public void closeRun(String vehicleId, String driverId, Consumer<AnomalyLabel> labels) {
        if (shownEvents > 0) {
            labels.accept(toLabel(vehicleId, driverId));
        }
        firstShownMs = -1;
        lastShownMs = -1;
        shownEvents = 0;
        newRun();
    }

    /** Resets figures a description reports per run (peaks). */
    protected void newRun() {}

    private AnomalyLabel toLabel(String vehicleId, String driverId) {
        return AnomalyLabel.newBuilder()
                .setVehicleId(vehicleId)
                .setDriverId(driverId)
                .setKind(kind.name())
                .setStartTime(firstShownMs)
                .setEndTime(lastShownMs)
                .setSensor(sensor == null ? null : sensor.field())
                .setDescription(describe() + " (" + shownEvents + " events)")
                .build();
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
