package io.fleetpulse.learner.servable;

import io.fleetpulse.avro.FeatureVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link ModelSnapshot} ready to score: its standardizer, its {@link DenseNetwork} and the rules
 * of its {@link ModelKind}. The learner scores every feature vector with the newest averaged
 * snapshot through this class and model-serving predicts through it, so both give the same number
 * for the same version and input. Immutable and thread-safe.
 *
 * <p>Inputs are standardized with the snapshot's statistics and clipped to {@code ±}{@link
 * #INPUT_CLIP} (the same preprocessing as in training), so one wild value cannot dominate.
 */
public final class ServableModel {

    /** Standardized inputs are clipped to this many standard deviations. */
    public static final double INPUT_CLIP = 8;

    /**
     * The autoencoder's per-feature typical squared reconstruction error, a snapshot tensor next to
     * the network's: each feature's error is divided by it, so a feature that is always hard to
     * reconstruct does not drown the one that suddenly is.
     */
    public static final String ERROR_SCALE = "score.sqError";

    /** Floor of a feature's error scale. */
    public static final double MIN_ERROR_SCALE = 1e-3;

    private final ModelSnapshot snapshot;
    private final ModelKind kind;
    private final OnlineStandardizer stats;
    private final DenseNetwork network;
    private final List<String> inputs;
    private final double[] errorScale;

    private ServableModel(ModelSnapshot snapshot, ModelKind kind) {
        this.snapshot = snapshot;
        this.kind = kind;
        this.stats = snapshot.standardizer();
        this.inputs = kind.inputs();
        this.network = new DenseNetwork(kind.networkSpec(), networkTensors(snapshot.parameters()));
        this.errorScale = new double[inputs.size()];
        java.util.Arrays.fill(errorScale, 1);
        for (NamedTensor t : snapshot.parameters()) {
            if (t.name().equals(ERROR_SCALE) && t.size() == inputs.size() && !kind.isRegressor()) {
                for (int i = 0; i < errorScale.length; i++) {
                    errorScale[i] = Math.max(t.get(i), MIN_ERROR_SCALE);
                }
            }
        }
    }

    /** The tensors of the network itself, without scoring tensors such as {@link #ERROR_SCALE}. */
    public static List<NamedTensor> networkTensors(List<NamedTensor> parameters) {
        return parameters.stream().filter(t -> !t.name().startsWith("score.")).toList();
    }

    /**
     * @throws IllegalArgumentException if the snapshot is not of a known model or does not fit its
     *     kind (columns, tensor shapes, no statistics yet), saying why
     */
    public static ServableModel of(ModelSnapshot snapshot) {
        ModelKind kind =
                ModelKind.forModelName(snapshot.modelName())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "unknown model " + snapshot.modelName()));
        if (!snapshot.featureNames().equals(kind.standardizedColumns())) {
            throw new IllegalArgumentException(
                    snapshot.modelName()
                            + " v"
                            + snapshot.version()
                            + " was trained on columns "
                            + snapshot.featureNames()
                            + ", this build computes "
                            + kind.standardizedColumns());
        }
        if (snapshot.standardizer().count() == 0) {
            throw new IllegalArgumentException(
                    snapshot.modelName() + " v" + snapshot.version() + " has no statistics yet");
        }
        return new ServableModel(snapshot, kind);
    }

    public ModelSnapshot snapshot() {
        return snapshot;
    }

    public ModelKind kind() {
        return kind;
    }

    public long version() {
        return snapshot.version();
    }

    /** The columns {@link #score(double[])} takes: the inputs, then the target for regressors. */
    public List<String> columns() {
        return kind.standardizedColumns();
    }

    /** The input columns {@link #predict(double[])} takes. */
    public List<String> inputs() {
        return inputs;
    }

    /** Scores a feature vector. */
    public ModelScore score(FeatureVector v) {
        return score(FeatureColumns.read(v, columns()));
    }

    /**
     * Scores the values of {@link #columns()}, in order.
     *
     * @throws IllegalArgumentException on a wrong length or a non-finite value
     */
    public ModelScore score(double[] columns) {
        return score(columns, null);
    }

    /**
     * As {@link #score(double[])}; for the autoencoder also writes each input's raw squared
     * reconstruction error (standardized units) into {@code squaredErrors} if not null.
     */
    public ModelScore score(double[] columns, double[] squaredErrors) {
        requireLength(columns, this.columns().size(), "columns " + this.columns());
        double[] z = standardizedInputs(columns);
        double[] out = network.forward(z);
        if (kind.isRegressor()) {
            int t = inputs.size();
            if (!Double.isFinite(columns[t])) {
                throw new IllegalArgumentException(
                        "target " + columns().get(t) + " is not finite: " + columns[t]);
            }
            double actualZ = stats.standardize(t, columns[t]);
            return new ModelScore(
                    kind.modelName(),
                    version(),
                    Math.abs(actualZ - out[0]),
                    stats.unstandardize(t, out[0]),
                    columns[t]);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double d = z[i] - out[i];
            if (squaredErrors != null) {
                squaredErrors[i] = d * d;
            }
            sum += d * d / errorScale[i];
        }
        return new ModelScore(kind.modelName(), version(), sum / z.length, Double.NaN, Double.NaN);
    }

    /**
     * A regressor's prediction of its target from the {@link #inputs()}, in the target's units; for
     * the autoencoder, its anomaly score.
     */
    public double predict(double[] inputValues) {
        requireLength(inputValues, inputs.size(), "inputs " + inputs);
        double[] out = network.forward(standardizedInputs(inputValues));
        if (kind.isRegressor()) {
            return stats.unstandardize(inputs.size(), out[0]);
        }
        return score(inputValues).score();
    }

    /**
     * The {@code top} features that contributed most to the score of {@code columns}, most first.
     * Autoencoder: each feature's squared reconstruction error over its typical one. Regressor: the
     * target (observed against predicted) first, then the inputs whose replacement by their mean
     * would change the prediction most.
     */
    public List<Contribution> explain(double[] columns, int top) {
        requireLength(columns, this.columns().size(), "columns " + this.columns());
        double[] z = standardizedInputs(columns);
        double[] out = network.forward(z);
        List<Contribution> all = new ArrayList<>();
        if (!kind.isRegressor()) {
            double total = 0;
            double[] err = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                double d = z[i] - out[i];
                err[i] = d * d / errorScale[i];
                total += err[i];
            }
            for (int i = 0; i < z.length; i++) {
                all.add(
                        new Contribution(
                                inputs.get(i),
                                columns[i],
                                stats.unstandardize(i, out[i]),
                                total > 0 ? err[i] / total : 0));
            }
            all.sort(Comparator.comparingDouble(Contribution::share).reversed());
            return List.copyOf(all.subList(0, Math.min(top, all.size())));
        }
        int t = inputs.size();
        List<Contribution> result = new ArrayList<>();
        result.add(
                new Contribution(
                        kind.target().orElseThrow(),
                        columns[t],
                        stats.unstandardize(t, out[0]),
                        1));
        double total = 0;
        double[] effect = new double[t];
        for (int i = 0; i < t; i++) {
            double saved = z[i];
            z[i] = 0;
            effect[i] = Math.abs(network.forward(z)[0] - out[0]);
            z[i] = saved;
            total += effect[i];
        }
        for (int i = 0; i < t; i++) {
            all.add(
                    new Contribution(
                            inputs.get(i),
                            columns[i],
                            stats.unstandardize(i, 0),
                            total > 0 ? effect[i] / total : 0));
        }
        all.sort(Comparator.comparingDouble(Contribution::share).reversed());
        result.addAll(all.subList(0, Math.min(Math.max(top - 1, 0), all.size())));
        return List.copyOf(result.subList(0, Math.min(top, result.size())));
    }

    /** The standardized, clipped inputs: exactly what the network saw in training. */
    public double[] standardizedInputs(double[] values) {
        return standardizeInputs(stats, values, inputs.size());
    }

    /**
     * Standardizes the first {@code n} values with {@code stats} and clips them to {@code
     * ±INPUT_CLIP}; shared by training and scoring so both see the same numbers.
     */
    public static double[] standardizeInputs(OnlineStandardizer stats, double[] values, int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        "feature " + stats.featureNames().get(i) + " is not finite: " + values[i]);
            }
            z[i] = clip(stats.standardize(i, values[i]));
        }
        return z;
    }

    /** Clips a standardized value to {@code ±INPUT_CLIP}. */
    public static double clip(double z) {
        return Math.max(-INPUT_CLIP, Math.min(INPUT_CLIP, z));
    }

    private static void requireLength(double[] values, int n, String what) {
        if (values.length != n) {
            throw new IllegalArgumentException(
                    "expected " + n + " values (" + what + "), got " + values.length);
        }
    }

    @Override
    public String toString() {
        return "ServableModel[" + kind.modelName() + " v" + version() + "]";
    }
}
