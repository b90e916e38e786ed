package io.fleetpulse.flink.impute;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Streaming multiple imputation by chained equations (MICE) for rows of d numeric variables
 * arriving in event-time order, NaN meaning missing. Plain Java, no Flink: FeatureJob, {@code fleet
 * impute} and {@code fleet eval imputation} all use this class.
 *
 * <p>For every variable j there is a Bayesian linear regression of x_j on the other variables and
 * on the vehicle's last observed x_j (its lag), kept as forgetting sufficient statistics ({@link
 * BayesianRegression}) and learned from rows where x_j was observed. Because how much a lag tells
 * depends on its age, each variable has three regressions: one for a fresh lag (up to {@link
 * #FRESH_LAG_MS}), one for a stale lag (up to {@code maxLagAge}) and one without a lag.
 *
 * <p>The lag regressions predict the change since the lag rather than the value, so their prior
 * (the ridge shrinks towards zero) is persistence rather than the fleet-wide mean: a
 * vehicle-specific level such as an odometer reading is never pulled towards other vehicles'
 * levels.
 *
 * <p>A row with missing values starts them from the lag (or the running mean), then runs m chains
 * of {@code iterations} sweeps, each missing value drawn from its regression's posterior predictive
 * given the chain's current values of the others. The point imputation is the chain-average of the
 * conditional means in the final sweep (lower error than averaging draws); the uncertainty is the
 * spread of the m final draws. Until a regression has {@code minObservations} rows the variable
 * falls back to the last observed value or the running mean, and the method says so.
 *
 * <p>Not thread-safe: one instance per stream partition (Flink subtask).
 */
public final class StreamingMice {

    /** A lag up to this old counts as fresh. */
    public static final long FRESH_LAG_MS = 2_000;

    private static final int FRESH = 0;
    private static final int STALE = 1;
    private static final int NO_LAG = 2;
    private static final int BUCKETS = 3;
    private static final int NO_LAG_TRAIN_EVERY = 4;
    private static final int FORMAT_VERSION = 1;
    private static final double LN2 = Math.log(2);
    private static final double MAX_EXPONENT = 30;

    private final int d;
    private final MiceConfig config;
    private final double[] lower;
    private final double[] upper;
    private final int[][] predictors;
    private final BayesianRegression[][] models;
    private final SplittableRandom random;
    private final long maxLagAgeMs;
    private final double halfLifeMs;
    private long rows;
    private long refTime = Long.MIN_VALUE;
    private final TrainBudget trainBudget;

    // Scratch buffers, reused across rows.
    private final double[] z;
    private final double[] start;
    private final double[][] chains;
    private final double[] pointSum;
    private final double[] drawSum;
    private final double[] drawSqSum;
    private final double[] sd;
    private final int[] missing;
    private final BayesianRegression[] chosen;
    private final double[] chosenLag;
    private final double[] chosenAge;

    /**
     * @param variables d, the number of variables per row
     * @param config imputation parameters
     * @param lower lowest plausible value per variable (NaN = unbounded), imputations are clamped
     * @param upper highest plausible value per variable (NaN = unbounded)
     * @param predictors predictors[j] = the variables regressing x_j (null = all others)
     */
    public StreamingMice(
            int variables, MiceConfig config, double[] lower, double[] upper, int[][] predictors) {
        if (variables < 1) {
            throw new IllegalArgumentException("need at least one variable");
        }
        this.d = variables;
        this.config = config;
        this.lower = lower == null ? nanArray(d) : lower.clone();
        this.upper = upper == null ? nanArray(d) : upper.clone();
        this.predictors = predictors == null ? allOthers(d) : predictors.clone();
        this.random = new SplittableRandom(config.seed());
        this.maxLagAgeMs = config.maxLagAge().toMillis();
        this.halfLifeMs = config.halfLife().toMillis();
        this.trainBudget = new TrainBudget(config.maxTrainRate());
        this.models = new BayesianRegression[d][BUCKETS];
        int maxQ = 1;
        for (int j = 0; j < d; j++) {
            int q = this.predictors[j].length + 2; // + the lag and its age
            maxQ = Math.max(maxQ, q);
            for (int b = 0; b < BUCKETS; b++) {
                models[j][b] = new BayesianRegression(q, config.ridge());
            }
        }
        z = new double[maxQ];
        start = new double[d];
        chains = new double[config.imputations()][d];
        pointSum = new double[d];
        drawSum = new double[d];
        drawSqSum = new double[d];
        sd = new double[d];
        missing = new int[d];
        chosen = new BayesianRegression[d];
        chosenLag = new double[d];
        chosenAge = new double[d];
    }

    /** An imputer over d unbounded variables with every other variable as predictor. */
    public StreamingMice(int variables, MiceConfig config) {
        this(variables, config, null, null, null);
    }

    public int variables() {
        return d;
    }

    public MiceConfig config() {
        return config;
    }

    /**
     * Imputes the missing (NaN) values of {@code row}, observed at event time {@code time} on the
     * vehicle whose memory is {@code memory}; then learns from the observed values and updates the
     * memory. {@code row} is not modified.
     */
    public ImputedRow process(double[] row, VehicleMemory memory, long time) {
        if (row.length != d) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + d);
        }
        double[] values = new double[d];
        double[] spread = new double[d];
        ImputationMethod[] methods = new ImputationMethod[d];
        int nMissing = 0;
        for (int j = 0; j < d; j++) {
            if (Double.isNaN(row[j])) {
                start[j] = startValue(j, memory, time);
                missing[nMissing++] = j;
            } else {
                start[j] = row[j];
                values[j] = row[j];
                methods[j] = ImputationMethod.OBSERVED;
            }
        }
        int nModelled = selectModels(memory, time, nMissing, values, spread, methods);
        if (nModelled > 0) {
            runChains(memory, nMissing, nModelled, values, spread, methods);
        }
        if (rows++ % config.trainEvery() == 0 && trainBudget.take(time)) {
            learn(row, memory, time, nModelled > 0);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isNaN(row[j])) {
                memory.observe(j, row[j], time);
            }
        }
        return new ImputedRow(values, spread, methods);
    }

    /** Starting value of a missing variable: a usable lag, else the running mean, else NaN. */
    private double startValue(int j, VehicleMemory memory, long time) {
        if (config.useLag() && memory.ageOf(j, time) <= maxLagAgeMs) {
            return memory.last[j];
        }
        return models[j][NO_LAG].targetMean();
    }

    /**
     * Picks a ready regression for each missing variable; the others get their cold-start fallback
     * right away. Moves the modelled ones to the front of {@code missing}.
     */
    private int selectModels(
            VehicleMemory memory,
            long time,
            int nMissing,
            double[] values,
            double[] spread,
            ImputationMethod[] methods) {
        int nModelled = 0;
        for (int i = 0; i < nMissing; i++) {
            int j = missing[i];
            long age = memory.ageOf(j, time);
            int bucket = bucketOf(age);
            int ready = readyBucket(j, bucket);
            if (ready >= 0) {
                chosen[j] = models[j][ready];
                chosenLag[j] = ready == NO_LAG ? 0 : memory.last[j];
                chosenAge[j] = ready == NO_LAG ? 0 : age / 1000.0;
                missing[nModelled++] = j;
                continue;
            }
            double v = start[j];
            BayesianRegression any = models[j][NO_LAG];
            if (Double.isNaN(v)) {
                methods[j] = ImputationMethod.NONE;
                spread[j] = Double.NaN;
            } else {
                methods[j] =
                        bucket == NO_LAG ? ImputationMethod.MEAN : ImputationMethod.LAST_OBSERVED;
                spread[j] = any.targetStd();
            }
            values[j] = Double.isNaN(v) ? Double.NaN : clamp(j, v);
        }
        return nModelled;
    }

    private int bucketOf(long age) {
        if (!config.useLag() || age > maxLagAgeMs) {
            return NO_LAG;
        }
        return age <= FRESH_LAG_MS ? FRESH : STALE;
    }

    /**
     * The bucket of a fitted regression for variable j with a lag of the given bucket: the same
     * bucket, else the other lag bucket; -1 if none is ready (the caller falls back to the last
     * observed value, which beats a model that ignores a known lag, or to the mean).
     */
    private int readyBucket(int j, int bucket) {
        int[] order =
                switch (bucket) {
                    case FRESH -> new int[] {FRESH, STALE};
                    case STALE -> new int[] {STALE, FRESH};
                    default -> new int[] {NO_LAG};
                };
        for (int b : order) {
            BayesianRegression m = models[j][b];
            if (m.observations() >= config.minObservations()) {
                m.refreshIfStale(config.refreshEvery());
                if (m.fitted()) {
                    return b;
                }
            }
        }
        return -1;
    }

    private void runChains(
            VehicleMemory memory,
            int nMissing,
            int nModelled,
            double[] values,
            double[] spread,
            ImputationMethod[] methods) {
        int m = config.imputations();
        int sweeps = nModelled == 1 ? 1 : config.iterations();
        for (int i = 0; i < nModelled; i++) {
            int j = missing[i];
            pointSum[j] = 0;
            drawSum[j] = 0;
            drawSqSum[j] = 0;
            sd[j] = Double.NaN;
        }
        for (int c = 0; c < m; c++) {
            double[] fill = chains[c];
            for (int j = 0; j < d; j++) {
                fill[j] = Double.isNaN(start[j]) ? 0 : start[j];
            }
            for (int i = nModelled; i < nMissing; i++) {
                int j = missing[i];
                fill[j] = Double.isNaN(values[j]) ? 0 : values[j];
            }
            for (int sweep = 0; sweep < sweeps; sweep++) {
                boolean last = sweep == sweeps - 1;
                for (int i = 0; i < nModelled; i++) {
                    int j = missing[i];
                    BayesianRegression model = chosen[j];
                    fillPredictors(j, fill, chosenLag[j], chosenAge[j]);
                    // Lag models predict the change since the lag (their prior is persistence).
                    double predicted = model.predictMean(z);
                    double mean =
                            chosen[j] == models[j][NO_LAG]
                                    ? model.clampToSeen(predicted)
                                    : chosenLag[j] + predicted;
                    if (Double.isNaN(sd[j])) {
                        sd[j] = Math.sqrt(model.predictVariance(z));
                    }
                    double draw = clamp(j, mean + sd[j] * random.nextGaussian());
                    fill[j] = draw;
                    if (last) {
                        pointSum[j] += clamp(j, mean);
                        drawSum[j] += draw;
                        drawSqSum[j] += draw * draw;
                    }
                }
            }
        }
        for (int i = 0; i < nModelled; i++) {
            int j = missing[i];
            values[j] = clamp(j, pointSum[j] / m);
            methods[j] = ImputationMethod.MICE;
            if (m > 1) {
                double mean = drawSum[j] / m;
                spread[j] = Math.sqrt(Math.max(0, (drawSqSum[j] - m * mean * mean) / (m - 1)));
            } else {
                spread[j] = sd[j];
            }
        }
    }

    /**
     * Learns every observed variable's regression from this row (chain 0's fills as predictors).
     */
    private void learn(double[] row, VehicleMemory memory, long time, boolean chainsRan) {
        double w = weightAt(time);
        double[] fill = chains[0];
        for (int j = 0; j < d; j++) {
            if (!Double.isNaN(row[j])) {
                fill[j] = row[j];
            } else if (!chainsRan || Double.isNaN(fill[j])) {
                fill[j] = Double.isNaN(start[j]) ? 0 : start[j];
            }
        }
        boolean trainNoLag = rows % NO_LAG_TRAIN_EVERY == 0;
        for (int j = 0; j < d; j++) {
            double y = row[j];
            if (Double.isNaN(y)) {
                continue;
            }
            int bucket = bucketOf(memory.ageOf(j, time));
            if (bucket != NO_LAG) {
                fillPredictors(j, fill, memory.last[j], memory.ageOf(j, time) / 1000.0);
                models[j][bucket].update(z, y - memory.last[j], w);
            }
            if (bucket == NO_LAG || trainNoLag) {
                fillPredictors(j, fill, 0, 0);
                models[j][NO_LAG].update(z, y, w);
            }
        }
    }

    /**
     * The weight of an observation at event time t: 2^((t - refTime) / halfLife), one exp per row
     * for all regressions. When weights grow large every statistic is rescaled and refTime moves.
     */
    private double weightAt(long t) {
        if (refTime == Long.MIN_VALUE) {
            refTime = t;
        }
        double exponent = (t - refTime) / halfLifeMs;
        if (exponent > MAX_EXPONENT) {
            double f = Math.exp(-LN2 * exponent);
            for (BayesianRegression[] perBucket : models) {
                for (BayesianRegression m : perBucket) {
                    m.rescale(f);
                }
            }
            refTime = t;
            exponent = 0;
        }
        return Math.exp(LN2 * exponent);
    }

    private void fillPredictors(int j, double[] fill, double lag, double lagAgeSeconds) {
        int[] p = predictors[j];
        for (int k = 0; k < p.length; k++) {
            z[k] = fill[p[k]];
        }
        z[p.length] = lag;
        z[p.length + 1] = lagAgeSeconds;
    }

    private double clamp(int j, double v) {
        if (v < lower[j]) {
            return lower[j];
        }
        if (v > upper[j]) {
            return upper[j];
        }
        return v;
    }

    /**
     * Consistency residuals: for each variable observed in {@code row} whose regression on the
     * other variables alone (no lag) is fitted, the observed value minus that regression's
     * prediction from {@code values} (the row after imputation); NaN elsewhere. A sensor that
     * drifts away from what the others imply shows a persistent residual. Reads the statistics
     * without changing them.
     */
    public void consistencyResiduals(double[] row, double[] values, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = Double.NaN;
            BayesianRegression model = models[j][NO_LAG];
            if (Double.isNaN(row[j]) || model.observations() < config.minObservations()) {
                continue;
            }
            model.refreshIfStale(config.refreshEvery());
            if (!model.fitted()) {
                continue;
            }
            fillPredictors(j, values, 0, 0);
            double predicted = model.clampToSeen(model.predictMean(z));
            out[j] = row[j] - predicted;
        }
    }

    /**
     * Observations variable j's regressions have learned from, per lag bucket (fresh, stale, none).
     */
    public long[] observations(int j) {
        return new long[] {
            models[j][FRESH].observations(),
            models[j][STALE].observations(),
            models[j][NO_LAG].observations()
        };
    }

    /** Adds another imputer's statistics (same shape) to this one's, e.g. after rescaling. */
    public void merge(StreamingMice other) {
        if (other.d != d) {
            throw new IllegalArgumentException(
                    "cannot merge imputers of " + other.d + " and " + d + " variables");
        }
        if (other.refTime == Long.MIN_VALUE) {
            return;
        }
        if (refTime == Long.MIN_VALUE) {
            refTime = other.refTime;
        }
        double f = Math.exp(LN2 * (other.refTime - refTime) / halfLifeMs);
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < BUCKETS; b++) {
                models[j][b].merge(other.models[j][b], f);
            }
        }
    }

    /** Writes the learned statistics (not the configuration). */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(d);
        out.writeLong(rows);
        out.writeLong(refTime);
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < BUCKETS; b++) {
                models[j][b].write(out);
            }
        }
    }

    /** Replaces the learned statistics by ones written with {@link #writeState}. */
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown imputer state format " + version);
        }
        int stored = in.readInt();
        if (stored != d) {
            throw new IOException("stored imputer has " + stored + " variables, expected " + d);
        }
        rows = in.readLong();
        refTime = in.readLong();
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < BUCKETS; b++) {
                models[j][b].read(in);
            }
        }
    }

    private static int[][] allOthers(int d) {
        int[][] p = new int[d][];
        for (int j = 0; j < d; j++) {
            p[j] = new int[d - 1];
            for (int k = 0, i = 0; k < d; k++) {
                if (k != j) {
                    p[j][i++] = k;
                }
            }
        }
        return p;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
