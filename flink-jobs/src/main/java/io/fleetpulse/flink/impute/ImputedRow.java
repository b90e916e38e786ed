package io.fleetpulse.flink.impute;

/**
 * One row after imputation: every value (observed or filled), the uncertainty of each filled value
 * (standard deviation of the m draws; 0 for observed values) and how each was obtained.
 *
 * @param values observed values and point imputations (NaN only where method is NONE)
 * @param spread uncertainty per value
 * @param methods how each value was obtained
 */
public record ImputedRow(double[] values, double[] spread, ImputationMethod[] methods) {

    /** Whether variable j was filled in. */
    public boolean imputed(int j) {
        return methods[j].imputed();
    }

    /** Number of filled-in values. */
    public int imputedCount() {
        int n = 0;
        for (ImputationMethod m : methods) {
            if (m.imputed()) {
                n++;
            }
        }
        return n;
    }
}
