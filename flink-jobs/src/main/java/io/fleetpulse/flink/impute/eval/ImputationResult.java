package io.fleetpulse.flink.impute.eval;

import java.util.List;

/**
 * Figures of one imputation evaluation: per column and overall (mean over columns) RMSE and
 * normalised RMSE of streaming MICE, last observation carried forward, and batch imputation by the
 * daily per-column mean (the case study's baseline); and, when a slice was exported for R {@code
 * mice}, streaming MICE's figures on exactly those cells.
 */
public record ImputationResult(
        List<Column> columns,
        long rows,
        long observedCells,
        long hiddenCells,
        double miceNrmse,
        double locfNrmse,
        double dailyMeanNrmse,
        double seconds,
        Slice exportedSlice) {

    /** Figures of one column. */
    public record Column(
            String name,
            long hidden,
            double truthStd,
            double miceRmse,
            double miceNrmse,
            double locfRmse,
            double locfNrmse,
            double dailyMeanRmse,
            double dailyMeanNrmse) {}

    /** Streaming MICE on the exported slice's hidden cells, per column and overall. */
    public record Slice(
            long fromRow, long rows, long hiddenCells, List<Column> columns, double miceNrmse) {}

    /** How much lower streaming MICE's overall NRMSE is than the daily-mean baseline's (0..1). */
    public double reductionVsDailyMean() {
        return 1 - miceNrmse / dailyMeanNrmse;
    }

    /** How much lower streaming MICE's overall NRMSE is than LOCF's (0..1). */
    public double reductionVsLocf() {
        return 1 - miceNrmse / locfNrmse;
    }

    public double rowsPerSecond() {
        return rows / seconds;
    }
}
