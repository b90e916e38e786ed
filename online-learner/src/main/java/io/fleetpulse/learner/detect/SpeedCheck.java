package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;

/**
 * Whether a window's speed readings agree with the distance the odometer counted: a speed sensor
 * that drifted upward claims more distance than the vehicle covered.
 */
final class SpeedCheck {

    /**
     * The odometer's distance must reach this share of what the mean speed claims over the window
     * (the first event may come up to a second after the window starts, so a 10 s window of 1 Hz
     * events can show 10 % less).
     */
    static final double MIN_DISTANCE_SHARE = 0.85;

    private SpeedCheck() {}

    /** True unless the odometer covered clearly less distance than the speed readings claim. */
    static boolean odometerAgrees(FeatureVector v) {
        double hours = (v.getLastEventTime() - v.getWindowStart()) / 3_600_000.0;
        double claimed = v.getSpeedMean() * hours;
        return claimed <= 0 || v.getDistanceKm() >= MIN_DISTANCE_SHARE * claimed;
    }
}
