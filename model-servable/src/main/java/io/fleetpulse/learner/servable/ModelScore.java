package io.fleetpulse.learner.servable;

/**
 * What one model version said about one feature vector.
 *
 * @param model the model's name
 * @param version the snapshot version that scored it
 * @param score the anomaly score: for the autoencoder the mean over inputs of the squared
 *     reconstruction error (standardized units) divided by that input's typical one ({@link
 *     ServableModel#ERROR_SCALE}); for a regressor the absolute standardized residual
 * @param predicted a regressor's prediction of its target, in the target's units ({@code NaN} for
 *     the autoencoder)
 * @param actual the target's observed value ({@code NaN} for the autoencoder, or when unknown)
 */
public record ModelScore(
        String model, long version, double score, double predicted, double actual) {}
