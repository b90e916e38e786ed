package io.fleetpulse.flink.impute;

/** How one value of an imputed row was obtained. */
public enum ImputationMethod {
    /** Observed: not imputed. */
    OBSERVED,
    /** Chained-equation Bayesian regression (MICE) with m posterior draws. */
    MICE,
    /** Cold start: the vehicle's last observed value. */
    LAST_OBSERVED,
    /** Cold start: the running mean of the variable. */
    MEAN,
    /** Nothing was ever observed for this variable: left missing. */
    NONE;

    /** Whether the value was filled in rather than observed. */
    public boolean imputed() {
        return this != OBSERVED;
    }

    /** Whether the value came from a cold-start fallback rather than the model. */
    public boolean fallback() {
        return this == LAST_OBSERVED || this == MEAN;
    }
}
