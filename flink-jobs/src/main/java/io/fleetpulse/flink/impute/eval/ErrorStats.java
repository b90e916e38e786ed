package io.fleetpulse.flink.impute.eval;

/**
 * Squared-error sums of one method on one column's hidden cells, and the spread of the true values
 * there, giving RMSE and normalised RMSE (RMSE divided by the standard deviation of the column's
 * true hidden values, so columns of any unit compare).
 */
final class ErrorStats {

    long n;
    double sumSqError;
    double sumTruth;
    double sumSqTruth;

    void add(double truth, double estimate) {
        double e = estimate - truth;
        n++;
        sumSqError += e * e;
        sumTruth += truth;
        sumSqTruth += truth * truth;
    }

    double rmse() {
        return n == 0 ? Double.NaN : Math.sqrt(sumSqError / n);
    }

    double truthStd() {
        if (n == 0) {
            return Double.NaN;
        }
        double mean = sumTruth / n;
        return Math.sqrt(Math.max(0, sumSqTruth / n - mean * mean));
    }

    double nrmse() {
        double sd = truthStd();
        return sd > 0 ? rmse() / sd : Double.NaN;
    }
}
