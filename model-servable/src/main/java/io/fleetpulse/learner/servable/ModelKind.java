package io.fleetpulse.learner.servable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three models the learner trains and model-serving serves, each with its inputs, its target
 * and its layer sizes. The anomaly model is an autoencoder over every feature column (its score is
 * the reconstruction error); the two regressors predict a physical quantity from the columns that
 * do not contain it (their score is the size of the residual). The model name is the snapshot's
 * name on the models topic.
 */
public enum ModelKind {
    /** Autoencoder on all standardized window features. */
    ANOMALY("anomaly-ae", "MODEL_ANOMALY", null, Set.of(), new int[] {32, 8, 32}),

    /** Fuel consumption (L/h), from driving and engine features without any fuel feature. */
    FUEL_RATE(
            "fuel-rate",
            "FUEL_RATE_RESIDUAL",
            "fuelRateMean",
            Set.of(
                    "fuelRateStd",
                    "fuelRateMin",
                    "fuelRateMax",
                    "fuelUsedLPerHour",
                    "fuelEfficiencyL100km",
                    "fuelLevelDropPctPerHour",
                    "fuelDropPerLitreUsed",
                    // how far the fuel readings sit from what the other sensors imply: their value
                    "fuelRateLphResidualShift",
                    "fuelLevelPctResidualShift"),
            new int[] {32, 16}),

    /** Brake pad wear rate (mm/h), from driving and brake features without the energy proxy. */
    BRAKE_WEAR(
            "brake-wear",
            "BRAKE_WEAR_RESIDUAL",
            "brakePadWearMmPerHour",
            Set.of("brakeEnergyProxyPerHour"),
            new int[] {32, 16});

    private final String modelName;
    private final String alertKind;
    private final String target;
    private final List<String> inputs;
    private final int[] hidden;

    ModelKind(
            String modelName,
            String alertKind,
            String target,
            Set<String> directProxies,
            int[] hidden) {
        this.modelName = modelName;
        this.alertKind = alertKind;
        this.target = target;
        List<String> excluded = new ArrayList<>(directProxies);
        if (target != null) {
            excluded.add(target);
        }
        this.inputs = FeatureColumns.allExcept(Set.copyOf(excluded));
        this.hidden = hidden.clone();
    }

    /** The model's name: its key on the models topic. */
    public String modelName() {
        return modelName;
    }

    /** The alert kind a score over the threshold raises. */
    public String alertKind() {
        return alertKind;
    }

    /** The input columns, in order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The predicted column, for the regressors. */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** Whether it predicts a target (else it reconstructs its input). */
    public boolean isRegressor() {
        return target != null;
    }

    /** The columns its standardizer covers: the inputs, then the target for regressors. */
    public List<String> standardizedColumns() {
        if (target == null) {
            return inputs;
        }
        List<String> out = new ArrayList<>(inputs);
        out.add(target);
        return List.copyOf(out);
    }

    /** Width of every layer from input to output. */
    public int[] layerWidths() {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs.size();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = isRegressor() ? 1 : inputs.size();
        return widths;
    }

    /** The network shape of this model. */
    public DenseNetwork.Spec networkSpec() {
        return new DenseNetwork.Spec(layerWidths());
    }

    /** The kind whose model is called {@code modelName}. */
    public static Optional<ModelKind> forModelName(String modelName) {
        return Arrays.stream(values()).filter(k -> k.modelName.equals(modelName)).findFirst();
    }
}
