package io.fleetpulse.flink.impute;

import java.util.Arrays;

/**
 * One vehicle's running baseline of each sensor's consistency residual (reading minus what
 * streaming MICE predicts from the other sensors): an exponentially weighted mean and variance over
 * about {@link #MEMORY} observations. Residuals carry a vehicle's own offsets (its tyre pressure,
 * its engine's idle); a drifting sensor moves its residual away from that baseline, so {@link
 * #shiftAndLearn} reports the residual less the baseline in units of the vehicle's residual spread.
 *
 * <p>Updates are winsorised at {@link #CLIP_SD} spreads so a drift that has begun is not quickly
 * absorbed. A public mutable POJO (about 450 bytes) kept in FeatureJob's keyed state.
 */
public class ConsistencyBaseline {

    /** Effective memory of the baseline [observations], about 30 min at 1 Hz. */
    public static final double MEMORY = 1_800;

    /** A shift is reported once the baseline has seen this many observations of the sensor. */
    public static final double MIN_OBSERVATIONS = 300;

    /** Residuals further than this many spreads from the mean update it as if at this distance. */
    public static final double CLIP_SD = 3;

    public double[] mean;
    public double[] var;
    public double[] n;

    public ConsistencyBaseline() {}

    /** A baseline for {@code sensors} sensors with nothing seen yet. */
    public static ConsistencyBaseline empty(int sensors) {
        ConsistencyBaseline b = new ConsistencyBaseline();
        b.mean = new double[sensors];
        b.var = new double[sensors];
        b.n = new double[sensors];
        return b;
    }

    /**
     * For each sensor with a residual (not NaN): writes its shift against the baseline into {@code
     * shifts} (NaN until the baseline is formed), then learns the residual. Sensors without a
     * residual get NaN and leave the baseline unchanged.
     */
    public void shiftAndLearn(double[] residuals, double[] shifts) {
        for (int j = 0; j < mean.length; j++) {
            double r = residuals[j];
            if (Double.isNaN(r)) {
                shifts[j] = Double.NaN;
                continue;
            }
            double sd = Math.sqrt(var[j]);
            shifts[j] = n[j] >= MIN_OBSERVATIONS && sd > 0 ? (r - mean[j]) / sd : Double.NaN;
            learn(j, r, sd);
        }
    }

    private void learn(int j, double r, double sd) {
        n[j]++;
        double alpha = 1 / Math.min(n[j], MEMORY);
        double x = r;
        if (n[j] > MIN_OBSERVATIONS && sd > 0) {
            x = Math.max(mean[j] - CLIP_SD * sd, Math.min(mean[j] + CLIP_SD * sd, r));
        }
        double delta = x - mean[j];
        mean[j] += alpha * delta;
        var[j] = (1 - alpha) * (var[j] + alpha * delta * delta);
    }

    /** Forgets everything (all shifts NaN again). */
    public void clear() {
        Arrays.fill(mean, 0);
        Arrays.fill(var, 0);
        Arrays.fill(n, 0);
    }
}
