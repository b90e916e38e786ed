package io.fleetpulse.flink.impute.eval;

import io.fleetpulse.flink.impute.ImputedRow;
import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.impute.StreamingMice;
import io.fleetpulse.flink.impute.VehicleMemory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates imputation on telemetry with known values: hides a share of the observed cells ({@link
 * MaskingConfig}), imputes them in stream order with streaming MICE and with last observation
 * carried forward, and after the pass with the daily per-column mean of the visible values (the
 * batch baseline), then compares each with the hidden truth. One pass, memory bounded by vehicles
 * and days, not rows.
 */
public final class ImputationEvaluation {

    private static final long DAY_MS = 86_400_000L;

    private final String[] columns;
    private final StreamingMice mice;
    private final Masker masker;
    private final RExport export;

    private final Map<String, VehicleMemory> memories = new HashMap<>();
    private final Map<String, double[]> lastVisible = new HashMap<>();
    private final double[] runningSum;
    private final long[] runningCount;
    private final ErrorStats[] miceErrors;
    private final ErrorStats[] locfErrors;
    private final ErrorStats[] sliceErrors;
    private final Map<Long, DayStats[]> days = new HashMap<>();
    private long rows;
    private long observed;
    private long hidden;
    private long sliceHidden;

    /**
     * @param columns names of the d value columns
     * @param lower plausible lower bound per column (NaN = none), imputations are clamped
     * @param upper plausible upper bound per column (NaN = none)
     * @param export where to write the slice for R mice, or null
     */
    public ImputationEvaluation(
            String[] columns,
            double[] lower,
            double[] upper,
            MiceConfig miceConfig,
            MaskingConfig masking,
            RExport export) {
        int d = columns.length;
        this.columns = columns.clone();
        this.mice = new StreamingMice(d, miceConfig, lower, upper, null);
        this.masker = new Masker(masking);
        this.export = export;
        runningSum = new double[d];
        runningCount = new long[d];
        miceErrors = newStats(d);
        locfErrors = newStats(d);
        sliceErrors = newStats(d);
    }

    /** Runs the evaluation over {@code input} (in stream order) and returns its figures. */
    public ImputationResult run(Iterator<TelemetryRow> input) throws IOException {
        long started = System.nanoTime();
        while (input.hasNext()) {
            accept(input.next());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ImputationResult result = result(seconds);
        if (export != null) {
            export.close();
            export.writeFigures(result);
        }
        return result;
    }

    private void accept(TelemetryRow row) throws IOException {
        int d = columns.length;
        double[] truth = row.values();
        if (truth.length != d) {
            throw new IllegalArgumentException(
                    "row " + rows + " has " + truth.length + " values, expected " + d);
        }
        boolean[] hide = masker.mask(row);
        double[] visible = truth.clone();
        for (int j = 0; j < d; j++) {
            if (hide[j]) {
                visible[j] = Double.NaN;
            }
        }
        VehicleMemory memory = memories.computeIfAbsent(row.vehicleId(), v -> new VehicleMemory(d));
        ImputedRow imputed = mice.process(visible, memory, row.time());
        double[] locf = lastVisible.computeIfAbsent(row.vehicleId(), v -> nan(d));
        DayStats[] day =
                days.computeIfAbsent(Math.floorDiv(row.time(), DAY_MS), k -> DayStats.newArray(d));
        boolean inSlice = export != null && export.wants(rows);
        for (int j = 0; j < d; j++) {
            if (!Double.isNaN(truth[j])) {
                observed++;
            }
            if (hide[j]) {
                hidden++;
                double fallback = runningCount[j] > 0 ? runningSum[j] / runningCount[j] : 0;
                double m = imputed.values()[j];
                miceErrors[j].add(truth[j], Double.isNaN(m) ? fallback : m);
                locfErrors[j].add(truth[j], Double.isNaN(locf[j]) ? fallback : locf[j]);
                day[j].addHidden(truth[j]);
                if (inSlice) {
                    sliceErrors[j].add(truth[j], Double.isNaN(m) ? fallback : m);
                    sliceHidden++;
                }
            } else if (!Double.isNaN(visible[j])) {
                locf[j] = visible[j];
                runningSum[j] += visible[j];
                runningCount[j]++;
                day[j].addVisible(visible[j]);
            }
        }
        if (inSlice) {
            export.write(rows, visible, truth, hide);
        }
        rows++;
    }

    private ImputationResult result(double seconds) {
        int d = columns.length;
        List<ImputationResult.Column> out = new ArrayList<>();
        List<ImputationResult.Column> slice = new ArrayList<>();
        double miceSum = 0;
        double locfSum = 0;
        double dailySum = 0;
        double sliceSum = 0;
        int counted = 0;
        int sliceCounted = 0;
        for (int j = 0; j < d; j++) {
            ErrorStats daily = dailyMeanErrors(j);
            ErrorStats m = miceErrors[j];
            ErrorStats l = locfErrors[j];
            out.add(
                    new ImputationResult.Column(
                            columns[j],
                            m.n,
                            m.truthStd(),
                            m.rmse(),
                            m.nrmse(),
                            l.rmse(),
                            l.nrmse(),
                            daily.rmse(),
                            daily.nrmse()));
            if (Double.isFinite(m.nrmse())
                    && Double.isFinite(daily.nrmse())
                    && Double.isFinite(l.nrmse())) {
                miceSum += m.nrmse();
                locfSum += l.nrmse();
                dailySum += daily.nrmse();
                counted++;
            }
            ErrorStats s = sliceErrors[j];
            slice.add(
                    new ImputationResult.Column(
                            columns[j],
                            s.n,
                            s.truthStd(),
                            s.rmse(),
                            s.nrmse(),
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN));
            if (Double.isFinite(s.nrmse())) {
                sliceSum += s.nrmse();
                sliceCounted++;
            }
        }
        ImputationResult.Slice exported =
                export == null
                        ? null
                        : new ImputationResult.Slice(
                                export.fromRow(),
                                export.rows(),
                                sliceHidden,
                                slice,
                                sliceSum / sliceCounted);
        return new ImputationResult(
                out,
                rows,
                observed,
                hidden,
                miceSum / counted,
                locfSum / counted,
                dailySum / counted,
                seconds,
                exported);
    }

    /** Errors of imputing each hidden cell with its day's mean of the visible values. */
    private ErrorStats dailyMeanErrors(int j) {
        double overallSum = 0;
        long overallCount = 0;
        for (DayStats[] day : days.values()) {
            overallSum += day[j].visibleSum;
            overallCount += day[j].visibleCount;
        }
        double overallMean = overallCount > 0 ? overallSum / overallCount : 0;
        ErrorStats e = new ErrorStats();
        for (DayStats[] dayStats : days.values()) {
            DayStats day = dayStats[j];
            double mean = day.visibleCount > 0 ? day.visibleSum / day.visibleCount : overallMean;
            e.n += day.hiddenCount;
            e.sumSqError +=
                    day.hiddenSqSum - 2 * mean * day.hiddenSum + day.hiddenCount * mean * mean;
            e.sumTruth += day.hiddenSum;
            e.sumSqTruth += day.hiddenSqSum;
        }
        return e;
    }

    private static ErrorStats[] newStats(int d) {
        ErrorStats[] s = new ErrorStats[d];
        for (int j = 0; j < d; j++) {
            s[j] = new ErrorStats();
        }
        return s;
    }

    private static double[] nan(int d) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Visible and hidden value sums of one column on one day. */
    private static final class DayStats {
        double visibleSum;
        long visibleCount;
        double hiddenSum;
        double hiddenSqSum;
        long hiddenCount;

        static DayStats[] newArray(int d) {
            DayStats[] a = new DayStats[d];
            for (int j = 0; j < d; j++) {
                a[j] = new DayStats();
            }
            return a;
        }

        void addVisible(double v) {
            visibleSum += v;
            visibleCount++;
        }

        void addHidden(double truth) {
            hiddenSum += truth;
            hiddenSqSum += truth * truth;
            hiddenCount++;
        }
    }
}
