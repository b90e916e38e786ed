package io.fleetpulse.loadgen.sensors;

/**
 * How often data goes missing.
 *
 * @param dropoutRate chance that one reading of one sensor is missing, independently of anything
 *     (missing completely at random)
 * @param burstsPerHour how often, per sensor and hour of driving, a sensor goes silent for a while
 * @param burstMeanS mean length of such an outage, seconds (at least {@link #BURST_MIN_S})
 * @param mnarStrength scale of value-dependent missingness (oil pressure at high rpm, GPS in urban
 *     canyons at low speed, tyre sensors at high speed, coolant when hot); 0 turns it off, 1 is the
 *     default model
 * @param messageLossRate chance that a whole message is lost (a gap in the vehicle's seq)
 */
public record MissingnessConfig(
        double dropoutRate,
        double burstsPerHour,
        double burstMeanS,
        double mnarStrength,
        double messageLossRate) {

    /** Shortest outage. */
    public static final double BURST_MIN_S = 2;

    public static final MissingnessConfig DEFAULT =
            new MissingnessConfig(0.01, 0.5, 30, 1.0, 0.001);

    /** Nothing ever missing. */
    public static final MissingnessConfig NONE = new MissingnessConfig(0, 0, 30, 0, 0);

    public MissingnessConfig {
        requireProbability("dropout rate", dropoutRate);
        requireProbability("message loss rate", messageLossRate);
        if (!(burstsPerHour >= 0) || !(mnarStrength >= 0) || mnarStrength > 3) {
            throw new IllegalArgumentException(
                    "bursts per hour must be >= 0 and MNAR strength within 0..3");
        }
        if (!(burstMeanS >= BURST_MIN_S)) {
            throw new IllegalArgumentException(
                    "mean burst length must be at least " + BURST_MIN_S + " s");
        }
    }

    private static void requireProbability(String what, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1) but was " + p);
        }
    }
}
