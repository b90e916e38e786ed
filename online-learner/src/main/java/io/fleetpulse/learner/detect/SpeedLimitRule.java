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

    private SpeedLimitRule() {}

    /**
     * The explanation if {@code v} shows speeding (or a speed sensor reading too high), else null.
     */
    static List<Contribution> find(FeatureVector v) {
        Double seconds = v.getOverLimitSeconds();
        Double ratio = v.getSpeedLimitRatioMax();
        if (seconds == null || ratio == null) {
            return null; // a producer before FeatureVector v3
        }
        if (seconds < MIN_OVER_LIMIT_SECONDS || ratio < MIN_RATIO) {
            return null;
        }
        return List.of(
                new Contribution("overLimitSeconds", seconds, MIN_OVER_LIMIT_SECONDS, 1),
                new Contribution("speedLimitRatioMax", ratio, MIN_RATIO, 1),
                new Contribution("speedMax", v.getSpeedMax(), Double.NaN, 0));
    }
}
