package io.fleetpulse.flink.impute;

import java.time.Duration;

/**
 * Parameters of {@link StreamingMice}, declared once with their defaults and validated here.
 *
 * @param imputations m, the number of chained-equation chains whose draws give the uncertainty
 * @param iterations chained-equation sweeps over the missing values of one row
 * @param halfLife exponential forgetting in event time: an observation this old weighs half as much
 *     as a new one, so the regressions follow drift
 * @param minObservations observed rows a sensor's regression needs before it is used; before that
 *     the imputer falls back to the last observed value or the running mean (cold start)
 * @param ridge Tikhonov regularisation on standardised predictors (a Gaussian prior on the
 *     coefficients), keeps collinear sensors solvable
 * @param refreshEvery observations between posterior refreshes of one regression
 * @param maxLagAge how long a vehicle's last observed value stays a usable predictor and start
 * @param useLag whether a sensor's own last observed value is one of its predictors
 * @param trainEvery learn from one row in this many (1 = every row), to bound CPU at high rates
 * @param maxTrainRate learn from at most this many rows per second of event time (0 = no limit): at
 *     high rates the regressions still see far more rows than they need (thousands per half-life
 *     minute), and learning is the imputer's largest cost
 * @param seed seed of the posterior draws (deterministic for a given input order)
 */
public record MiceConfig(
        int imputations,
        int iterations,
        Duration halfLife,
        long minObservations,
        double ridge,
        int refreshEvery,
        Duration maxLagAge,
        boolean useLag,
        int trainEvery,
        double maxTrainRate,
        long seed)
        implements java.io.Serializable {

    public static final int DEFAULT_IMPUTATIONS = 5;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofHours(1);
    public static final long DEFAULT_MIN_OBSERVATIONS = 200;
    public static final double DEFAULT_RIDGE = 1e-6;
    public static final int DEFAULT_REFRESH_EVERY = 256;
    public static final Duration DEFAULT_MAX_LAG_AGE = Duration.ofHours(1);

    public MiceConfig {
        require(imputations >= 1, "imputations must be >= 1");
        require(iterations >= 1, "iterations must be >= 1");
        require(!halfLife.isNegative() && !halfLife.isZero(), "halfLife must be positive");
        require(minObservations >= 1, "minObservations must be >= 1");
        require(ridge >= 0 && Double.isFinite(ridge), "ridge must be a finite number >= 0");
        require(refreshEvery >= 1, "refreshEvery must be >= 1");
        require(!maxLagAge.isNegative(), "maxLagAge must be >= 0");
        require(trainEvery >= 1, "trainEvery must be >= 1");
        require(
                maxTrainRate >= 0 && Double.isFinite(maxTrainRate),
                "maxTrainRate must be a finite number >= 0");
    }

    /** The defaults: m = 5, 3 iterations, 1 h half-life, lag predictor on. */
    public static MiceConfig defaults() {
        return new MiceConfig(
                DEFAULT_IMPUTATIONS,
                DEFAULT_ITERATIONS,
                DEFAULT_HALF_LIFE,
                DEFAULT_MIN_OBSERVATIONS,
                DEFAULT_RIDGE,
                DEFAULT_REFRESH_EVERY,
                DEFAULT_MAX_LAG_AGE,
                true,
                1,
                0,
                42L);
    }

    public MiceConfig withImputations(int m) {
        return new MiceConfig(
                m,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withIterations(int n) {
        return new MiceConfig(
                imputations,
                n,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withHalfLife(Duration h) {
        return new MiceConfig(
                imputations,
                iterations,
                h,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withMinObservations(long n) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                n,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withMaxLagAge(Duration age) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                age,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withUseLag(boolean lag) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                lag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withTrainEvery(int k) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                k,
                maxTrainRate,
                seed);
    }

    public MiceConfig withRefreshEvery(int k) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                k,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                seed);
    }

    public MiceConfig withSeed(long s) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                maxTrainRate,
                s);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Learns from at most {@code rowsPerSecond} rows per second of event time (0 = no limit). */
    public MiceConfig withMaxTrainRate(double rowsPerSecond) {
        return new MiceConfig(
                imputations,
                iterations,
                halfLife,
                minObservations,
                ridge,
                refreshEvery,
                maxLagAge,
                useLag,
                trainEvery,
                rowsPerSecond,
                seed);
    }
}
