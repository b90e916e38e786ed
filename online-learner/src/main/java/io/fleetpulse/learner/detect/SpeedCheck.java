package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;

/**
 * Whether a window's speed readings agree with other measurements of the same motion: with the
 * distance the odometer counted (a speed sensor that drifted upward claims more distance than the
 * vehicle covered), and with the accelerometer's strongest deceleration (a real one takes speed
 * off; an accelerometer that drifted does not).
 */
final class SpeedCheck {

    /**
     * The odometer's distance must reach this share of what the mean speed claims over the window
     * (the first event may come up to a second after the window starts, so a 10 s window of 1 Hz
     * events can show 10 % less).
     */
    static final double MIN_DISTANCE_SHARE = 0.85;

    /**
     * A deceleration is confirmed when the window's speed fell by at least this many seconds of it:
     * labelled harsh stops lost 1.3 s or more of their peak deceleration within a 10 s window,
     * drifted accelerometers under 0.8 s (seed 42 of {@code fleet eval detection}).
     */
    static final double CONFIRMING_SECONDS = 1.0;

    /** km/h per m/s. */
    private static final double KMH_PER_MPS = 3.6;

    private SpeedCheck() {}

    /**
     * True when the speed fell by at least {@value #CONFIRMING_SECONDS} s of the peak deceleration.
     */
    static boolean decelerationConfirmed(FeatureVector v) {
        double lost = v.getSpeedMax() - v.getSpeedMin();
        return lost >= CONFIRMING_SECONDS * KMH_PER_MPS * Math.max(0, -v.getAccelerationMin());
    }

    /** True unless the odometer covered clearly less distance than the speed readings claim. */
    static boolean odometerAgrees(FeatureVector v) {
        double hours = (v.getLastEventTime() - v.getWindowStart()) / 3_600_000.0;
        double claimed = v.getSpeedMean() * hours;
        return claimed <= 0 || v.getDistanceKm() >= MIN_DISTANCE_SHARE * claimed;
    }
}
