package io.fleetpulse.serving.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelScore;
import io.fleetpulse.learner.servable.ServableModel;

/**
 * What one model version said about one vector, as answered over HTTP. Regressors give {@code
 * prediction} (the target in its units) and, when the vector carries the observed target, {@code
 * actual} and {@code score} (|standardized residual|, as the learner scores it); the autoencoder
 * gives {@code score}. Computed by the learner's own {@link ServableModel}, so it equals the
 * learner's figure bit for bit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(
        String model, long version, Double prediction, Double score, Double actual) {

    /**
     * Predicts with {@code model} for {@code v}; {@code targetKnown} says whether the vector
     * carried the regressor's target (else only the prediction is given).
     */
    public static Prediction of(ServableModel model, FeatureVector v, boolean targetKnown) {
        if (!model.kind().isRegressor()) {
            return new Prediction(
                    model.kind().modelName(), model.version(), null, model.score(v).score(), null);
        }
        if (targetKnown) {
            ModelScore s = model.score(v);
            return new Prediction(s.model(), s.version(), s.predicted(), s.score(), s.actual());
        }
        double predicted = model.predict(FeatureColumns.read(v, model.inputs()));
        return new Prediction(model.kind().modelName(), model.version(), predicted, null, null);
    }

    /** Predicts from raw input values in the order of {@link ServableModel#inputs()}. */
    public static Prediction ofInputs(ServableModel model, double[] inputs) {
        double out = model.predict(inputs);
        String name = model.kind().modelName();
        return model.kind().isRegressor()
                ? new Prediction(name, model.version(), out, null, null)
                : new Prediction(name, model.version(), null, out, null);
    }
}
