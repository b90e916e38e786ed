package io.fleetpulse.learner.servable;

/**
 * One feature's part in a score, for explaining an alert: the observed value, what the model
 * expected instead, and the share of the score it accounts for.
 *
 * @param feature the column name ({@link FeatureColumns})
 * @param value the observed value, in the column's own units
 * @param expected the model's reconstruction or prediction in the same units ({@code NaN} if none)
 * @param share the part of the score due to this feature, 0 to 1
 */
public record Contribution(String feature, double value, double expected, double share) {}
