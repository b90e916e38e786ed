package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;

/**
 * Finds the stuck sensors that {@link StuckSensors} cannot: a reading frozen at a value it also
 * holds legitimately (zero brake pressure, zero speed, an odometer between two counts), so only
 * another measurement of the same motion can tell the fault from a rest:
 *
 * <ul>
 *   <li>brake pressure held at exactly zero through a deceleration the speed confirms ({@link
 *       SpeedCheck#decelerationConfirmed}) and beyond what drag and engine braking give;
 *   <li>speed held at exactly zero while the odometer advanced and the engine pulled above idle;
 *   <li>the odometer frozen for a whole minute while the speed read and the engine ran as driving.
 * </ul>
 *
 * Each test needs the sensors that disagree with the frozen one to be moving for real: a speed
 * imputed through an outage while the vehicle stands (engine at idle) is no evidence.
 */
final class StuckAtRest {

    /** Drag and engine braking slow a vehicle by well under this [m/s²]; more needs the brakes. */
    static final double BRAKED_DECELERATION_MPS2 = 1.5;

    /** The odometer advancing faster than this means the vehicle moved [km/h]. */
    static final double ODOMETER_MOVING_KMH = 18;

    /** An engine above idle the whole window pulls a moving vehicle (idle is 750-850). */
    static final double ABOVE_IDLE_RPM = 1000;

    /** Speed at which the odometer must advance within any minute [km/h]. */
    static final double DRIVING_KMH = 20;

    /** Only windows at least this long judge a frozen odometer [s]. */
    static final double ODOMETER_WINDOW_S = 50;

    /** A frozen odometer must span the window but for this much [s]. */
    static final double ODOMETER_SLACK_S = 3;

    private StuckAtRest() {}

    /** The feature that shows a sensor stuck at a rest value in {@code v}, or null. */
    static String find(FeatureVector v) {
        double seconds = (v.getWindowEnd() - v.getWindowStart()) / 1000.0;
        if (v.getBrakePressureMax() == 0
                && -v.getAccelerationMin() >= BRAKED_DECELERATION_MPS2
                && SpeedCheck.decelerationConfirmed(v)) {
            return "brakePressureMax";
        }
        if (v.getSpeedMax() == 0
                && v.getEngineRpmMin() >= ABOVE_IDLE_RPM
                && v.getDistanceKm() * 3600 / Math.max(1, seconds) >= ODOMETER_MOVING_KMH) {
            return "speedMax";
        }
        if (seconds >= ODOMETER_WINDOW_S
                && StuckSensors.seconds(v, "odometerKmStuckSeconds") >= seconds - ODOMETER_SLACK_S
                && v.getSpeedMean() >= DRIVING_KMH
                && v.getEngineRpmMin() >= ABOVE_IDLE_RPM) {
            return "odometerKmStuckSeconds";
        }
        return null;
    }

    /** The value of the feature {@link #find} named. */
    static double value(FeatureVector v, String feature) {
        Object raw = v.get(feature);
        return raw == null ? 0 : ((Number) raw).doubleValue();
    }
}
