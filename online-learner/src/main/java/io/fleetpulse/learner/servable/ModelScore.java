package io.fleetpulse.learner.servable;

/**
 * What one model version said about one feature vector.
 *
 * @param model the model's name
 * @param version the snapshot version that scored it
 * @param score the anomaly score: mean squared reconstruction error of the standardized inputs for
 *     the autoencoder, the absolute standardized residual for a regressor
 * @param predicted a regressor's prediction of its target, in the target's units ({@code NaN} for
 *     the autoencoder)
 * @param actual the target's observed value ({@code NaN} for the autoencoder, or when unknown)
 */
public record ModelScore(
        String model, long version, double score, double predicted, double actual) {}
