package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.report.BenchReport;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns {@link FeatureBench}'s runs into the printed table and the JSON report. */
final class FeatureBenchReport {

    private static final double TARGET_EVENTS_PER_SECOND = 100_000;
    private static final double TARGET_P99_MS = 500;
    private static final int TARGET_STATE_BYTES = 16 * 1024;

    private FeatureBenchReport() {}

    static BenchReport build(
            FeatureBench.Settings s,
            List<FeatureBench.Throughput> on,
            List<FeatureBench.Throughput> off,
            List<FeatureBench.Throughput> former,
            FeatureBench.Latency latencyOn,
            FeatureBench.Latency latencyOff,
            StateSize.PerVehicle state) {
        BenchReport r =
                BenchReport.create(
                        "bench-features",
                        "FeatureJob: throughput, latency, state (MICE on vs off)");
        r.setting("vehicles", s.vehicles())
                .setting("events per throughput run", s.events())
                .setting("warm-up runs per mode (not reported)", s.warmupRuns())
                .setting("runs per mode", on.size())
                .setting("parallelism", s.parallelism())
                .setting("checkpoint interval (throughput)", s.checkpointInterval().toString())
                .setting("latency load events/s", s.latencyRate())
                .setting("latency run", s.latencyDuration().toString())
                .setting("checkpoint interval (latency)", s.latencyCheckpointInterval().toString())
                .setting("allowed lateness (watermark delay)", s.allowedLateness().toString())
                .setting("Flink configuration (--flink-conf)", s.flinkConf().toString())
                .setting(
                        "state backend",
                        "RocksDB, incremental checkpoints, exactly-once Kafka sinks, read_committed readers");
        double medianOn = median(on);
        double medianOff = median(off);
        throughputRow(r, "throughput, MICE on", on, medianOn);
        throughputRow(r, "throughput, MICE off", off, medianOff);
        if (!former.isEmpty()) {
            throughputRow(
                    r, "throughput, MICE on, former 4-operator graph", former, median(former));
        }
        if (latencyOn != null) {
            latencyRow(r, "latency, MICE on", latencyOn);
            latencyRow(r, "latency, MICE off", latencyOff);
        }
        r.row("keyed state per active vehicle")
                .put("bytes", state.total())
                .put("10,000 vehicles MB", round(state.total() * 10_000 / 1e6));
        r.note(
                String.format(
                        "MICE costs %.0f %% of the throughput without it (median %,.0f vs %,.0f events/s); target >= %,.0f events/s with MICE: %s.",
                        100 * (1 - medianOn / medianOff),
                        medianOn,
                        medianOff,
                        TARGET_EVENTS_PER_SECOND,
                        medianOn >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met"));
        if (latencyOn != null) {
            double p99 = p(latencyOn.imputedMs(), 99);
            double p99Features = p(latencyOn.featuresMs(), 99);
            r.note(
                    String.format(
                            "p99 MICE on: event time -> imputed event readable (read_committed) %.0f ms, window end -> features readable %.0f ms; target < %.0f ms: %s.",
                            p99,
                            p99Features,
                            TARGET_P99_MS,
                            p99 < TARGET_P99_MS && p99Features < TARGET_P99_MS
                                    ? "met"
                                    : "NOT met"));
        }
        r.note(
                "load average (1 min) at the end: "
                        + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
        r.note(
                "Feature latency is measured from the window's last instant (its end - 1 ms, the record timestamp; the reader decodes one record in 1,000 to check it): a window cannot close before its end plus the watermark delay,"
                        + " and exactly-once output is readable only after the next checkpoint commits.");
        r.note(
                String.format(
                        "Keyed state per vehicle: %d B dedup+imputation memory, %d B per pane, %d recent panes kept for sliding windows"
                                + " plus the open tumbling pane, %d B index of the panes = %,d B; target < %,d B: %s.",
                        state.vehicleState(),
                        state.pane(),
                        state.panesKept(),
                        state.paneIndex(),
                        state.total(),
                        TARGET_STATE_BYTES,
                        state.total() < TARGET_STATE_BYTES ? "met" : "NOT met"));
        Map<String, Double> cpu = on.get(on.size() - 1).cpuSeconds();
        double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder where =
                new StringBuilder("CPU by thread group, last MICE-on throughput run:");
        cpu.entrySet().stream()
                .limit(8)
                .forEach(
                        e ->
                                where.append(
                                        String.format(
                                                " %s %.0f %%;",
                                                e.getKey(), 100 * e.getValue() / total)));
        r.note(where.toString());
        return r;
    }

    private static void throughputRow(
            BenchReport r, String label, List<FeatureBench.Throughput> runs, double median) {
        r.row(label)
                .put("events/s (median)", Math.round(median))
                .put(
                        "runs",
                        Arrays.toString(
                                runs.stream()
                                        .mapToLong(t -> Math.round(t.steadyEventsPerSecond()))
                                        .toArray()))
                .put("wall s", round(runs.get(runs.size() - 1).wallSeconds()))
                .put(
                        "imputed/sent",
                        runs.get(runs.size() - 1).imputed()
                                + "/"
                                + runs.get(runs.size() - 1).events())
                .put("checkpoint MB", round(runs.get(runs.size() - 1).checkpointBytes() / 1e6))
                .put("CPU us/event", medianCpu(runs, false))
                .put("CPU us/event excl. driver", medianCpu(runs, true));
    }

    /**
     * Median CPU microseconds per event of the whole JVM (broker, job, readers) or without the
     * benchmark driver (the simulator and the readers that measure).
     */
    private static double medianCpu(List<FeatureBench.Throughput> runs, boolean withoutDriver) {
        double[] v =
                runs.stream()
                        .mapToDouble(t -> cpuSeconds(t, withoutDriver) * 1e6 / t.events())
                        .sorted()
                        .toArray();
        return round(medianOf(v));
    }

    private static double cpuSeconds(FeatureBench.Throughput t, boolean withoutDriver) {
        double sum = 0;
        for (Map.Entry<String, Double> e : t.cpuSeconds().entrySet()) {
            if (!withoutDriver || !e.getKey().equals(ThreadCpu.DRIVER)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static void latencyRow(BenchReport r, String label, FeatureBench.Latency l) {
        r.row(label)
                .put("sent", l.sent())
                .put("imputed p50 ms", p(l.imputedMs(), 50))
                .put("imputed p99 ms", p(l.imputedMs(), 99))
                .put("imputed p99.9 ms", p(l.imputedMs(), 99.9))
                .put("features p50 ms", p(l.featuresMs(), 50))
                .put("features p99 ms", p(l.featuresMs(), 99));
    }

    private static double median(List<FeatureBench.Throughput> runs) {
        double[] v =
                runs.stream()
                        .mapToDouble(FeatureBench.Throughput::steadyEventsPerSecond)
                        .sorted()
                        .toArray();
        return medianOf(v);
    }

    private static double medianOf(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
