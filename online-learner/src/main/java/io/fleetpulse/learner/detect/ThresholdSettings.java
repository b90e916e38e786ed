package io.fleetpulse.learner.detect;

/**
 * How a model's score becomes a candidate anomaly: the score must exceed {@code margin} times the
 * running {@code quantile} of recent scores.
 *
 * @param quantile the score quantile tracked, e.g. 0.999
 * @param margin multiplier on the quantile (1 = the quantile itself)
 * @param window scores per generation: the threshold follows the last complete generation, so it
 *     adapts to drifting scores within two generations
 * @param minScores scores needed before the threshold is used (no alerts before)
 */
public record ThresholdSettings(double quantile, double margin, int window, int minScores)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final ThresholdSettings DEFAULTS = new ThresholdSettings(0.999, 3.0, 20_000, 500);

    public ThresholdSettings {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), was " + quantile);
        }
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be > 0, was " + margin);
        }
        if (window < 5 || minScores < 1) {
            throw new IllegalArgumentException(
                    "window must be >= 5 and minScores >= 1, were " + window + ", " + minScores);
        }
    }
}
