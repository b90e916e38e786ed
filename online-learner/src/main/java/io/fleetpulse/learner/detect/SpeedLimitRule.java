package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.Contribution;
import java.util.List;

/**
 * Over-speeding relative to the posted limit the vehicle's map matching reported (FeatureVector
 * v3's {@code overLimitSeconds} and {@code speedLimitRatioMax}, on measured speeds only): driving
 * well beyond the limit's enforcement tolerance for several seconds. Where the odometer did not
 * cover the distance the speed claims, the speed sensor drifted instead ({@link SpeedCheck}).
 */
public final class SpeedLimitRule {

    /**
     * Seconds above 1.1 x the limit within one window before it counts as speeding (seed 42: normal
     * windows at most 1 s, labelled episodes' windows up to 9 s of 10 and 54 s of 60).
     */
    public static final double MIN_OVER_LIMIT_SECONDS = 5;

    /**
     * Highest speed / limit that must be reached: beyond what measurement noise adds to a cruise at
     * the tolerance (seed 42: normal driving stayed below it).
     */
    public static final double MIN_RATIO = 1.2;

    /**
     * Readings over the limit the window must hold besides the seconds: a vehicle reporting every 5
     * s puts 5 s over the limit on a single reading, and one noisy reading is no speeding (seed 42
     * at 0.2 Hz: 643 false alerts for 50 vehicles in 2 h without this). Estimated as the seconds
     * over times the readings per second of the window; at 1 Hz the seconds decide.
     */
    public static final double MIN_READINGS_OVER = 3;

    private SpeedLimitRule() {}

    /** About how many of the window's readings were over the limit for {@code seconds}. */
    static double readingsOver(FeatureVector v, double seconds) {
        double windowSeconds = (v.getWindowEnd() - v.getWindowStart()) / 1000.0;
        return windowSeconds > 0 ? seconds * v.getEventCount() / windowSeconds : 0;
    }

    /**
     * The explanation if {@code v} shows speeding (or a speed sensor reading too high), else null.
     */
    static List<Contribution> find(FeatureVector v) {
        Double seconds = v.getOverLimitSeconds();
        Double ratio = v.getSpeedLimitRatioMax();
        if (seconds == null || ratio == null) {
            return null; // a producer before FeatureVector v3
        }
        if (seconds < MIN_OVER_LIMIT_SECONDS
                || ratio < MIN_RATIO
                || readingsOver(v, seconds) < MIN_READINGS_OVER) {
            return null;
        }
        return List.of(
                new Contribution("overLimitSeconds", seconds, MIN_OVER_LIMIT_SECONDS, 1),
                new Contribution("speedLimitRatioMax", ratio, MIN_RATIO, 1),
                new Contribution("speedMax", v.getSpeedMax(), Double.NaN, 0));
    }
}
