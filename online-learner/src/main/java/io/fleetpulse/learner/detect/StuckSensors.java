package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds a stuck sensor from FeatureJob's per-sensor stuck runs ({@code <field>StuckSeconds}: the
 * longest time a sensor reported one exact non-zero observed value while the vehicle moved). A
 * reading that carries measurement noise never repeats exactly for seconds on end; only the few
 * sensors that legitimately hold still while driving are judged with context.
 */
final class StuckSensors {

    /** Suffix of FeatureJob's per-sensor stuck-run fields. */
    static final String SUFFIX = "StuckSeconds";

    /**
     * Sensors that hold one value while moving by nature: the brake pad wears only under braking,
     * the odometer counts in steps.
     */
    private static final Set<Sensor> HOLD_STILL = EnumSet.of(Sensor.BRAKE_PAD, Sensor.ODOMETER);

    /**
     * The fuel level holds still during fuel cut-off (coasting): it counts as stuck only if it held
     * for most of the window ({@value #FUEL_HELD_SHARE}) while the engine burnt at least {@value
     * #FUEL_BURNT_L_PER_S} L/s on average, which coasting does not.
     */
    private static final double FUEL_HELD_SHARE = 0.95;

    private static final double FUEL_BURNT_L_PER_S = 0.0015;

    private StuckSensors() {}

    /** The stuck-run field of the first stuck sensor in {@code v}, or null. */
    static String find(FeatureVector v, double minSeconds) {
        if (!(minSeconds > 0)) {
            return null;
        }
        for (Sensor s : Sensor.ALL) {
            if (HOLD_STILL.contains(s)) {
                continue;
            }
            String field = s.field() + SUFFIX;
            Object raw = v.get(field);
            double seconds = raw == null ? 0 : ((Number) raw).doubleValue();
            if (seconds < minSeconds) {
                continue;
            }
            if (s == Sensor.FUEL_LEVEL && !fuelLevelStuck(v, seconds)) {
                continue;
            }
            return field;
        }
        return null;
    }

    private static boolean fuelLevelStuck(FeatureVector v, double seconds) {
        double window = (v.getWindowEnd() - v.getWindowStart()) / 1000.0;
        return seconds >= FUEL_HELD_SHARE * (window - 1)
                && v.getFuelUsedL() >= FUEL_BURNT_L_PER_S * window;
    }

    /** The stuck run of {@code field} in {@code v} [s]. */
    static double seconds(FeatureVector v, String field) {
        Object raw = v.get(field);
        return raw == null ? 0 : ((Number) raw).doubleValue();
    }
}
