package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.stack.observe.KafkaCeiling;
import io.fleetpulse.stack.observe.ProcessSampler;
import io.fleetpulse.stack.observe.SvgChart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns {@code fleet bench e2e} results into the report table, its JSON data and the SVG plot. */
final class E2eReport {

    private static final long EIGHT_GIB = 8L << 30;

    private E2eReport() {}

    static BenchReport build(
            List<E2eRun.Result> results,
            KafkaCeiling.Result ceiling,
            Collection<String> processes) {
        BenchReport report =
                BenchReport.create("e2e", "fleet bench e2e: the whole pipeline on the local stack");
        E2eRun.Result best = null;
        for (E2eRun.Result r : results) {
            String rate = String.format("%,d ev/s", r.rate());
            report.row("offered " + rate)
                    .put("events/s in", r.offered())
                    .put("events/s processed", r.processed())
                    .put("lag slope /s", r.lagSlope())
                    .put("max lag", r.maxLag())
                    .put("sustained", r.sustained() ? "yes" : "NO")
                    .put("stack RSS GiB", r.maxTotalRss() / (double) (1L << 30));
            latency(report, rate + ": event -> imputed readable", r.imputed());
            latency(report, rate + ": window end -> features readable", r.features());
            latency(report, rate + ": alert window end -> alert readable", r.alerts());
            latency(report, rate + ": event -> queryable in Pinot (freshness)", r.pinotFreshness());
            if (r.sustained() && (best == null || r.rate() > best.rate())) {
                best = r;
            }
        }
        E2eRun.Result last = results.get(results.size() - 1);
        for (String p : processes) {
            double cpu =
                    last.measured().stream()
                            .map(s -> s.processes().get(p))
                            .filter(s -> s != null && !Double.isNaN(s.cpuPercent()))
                            .mapToDouble(ProcessSampler.Sample::cpuPercent)
                            .average()
                            .orElse(Double.NaN);
            long rss =
                    last.measured().stream()
                            .map(s -> s.processes().get(p))
                            .filter(s -> s != null)
                            .mapToLong(ProcessSampler.Sample::rssBytes)
                            .max()
                            .orElse(0);
            report.row("process " + p)
                    .put("cpu % (mean)", cpu)
                    .put("RSS MiB (max)", rss / (double) (1L << 20));
        }
        if (ceiling != null) {
            report.row("raw Kafka ceiling")
                    .put("events/s in", ceiling.produceRate())
                    .put("events/s processed", ceiling.endToEndRate());
            report.note(
                    String.format(
                            "ceiling: %,d real telemetry records (%.0f B average) produced with the"
                                    + " simulator's settings and consumed back, nothing else"
                                    + " running in the pipeline's place",
                            ceiling.records(), ceiling.recordBytes()));
        }
        report.note(
                best == null
                        ? "no rate was sustained (processed >= 95 % of offered and lag growing"
                                + " < 2 % of the rate per second)"
                        : String.format("highest rate sustained: %,d events/s", best.rate()));
        report.note(
                String.format(
                        "stack memory (all processes, max RSS at the last rate): %.2f GiB (target"
                                + " < 8 GiB: %s)",
                        last.maxTotalRss() / (double) (1L << 30),
                        last.maxTotalRss() < EIGHT_GIB ? "met" : "NOT met"));
        results.forEach(
                r ->
                        report.note(
                                String.format(
                                        "%,d ev/s: alerts by kind %s; imputation rate %.1f %% of events%s",
                                        r.rate(),
                                        r.alertsByKind(),
                                        100 * r.imputationRate(),
                                        r.loadFailure() == null
                                                ? ""
                                                : "; LOAD FAILED: " + r.loadFailure())));
        report.data("series", series(results));
        return report;
    }

    private static void latency(BenchReport report, String label, Histogram h) {
        BenchReport.Row row = report.row(label).put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            row.put("p50 ms", (double) h.getValueAtPercentile(50))
                    .put("p99 ms", (double) h.getValueAtPercentile(99))
                    .put("p99.9 ms", (double) h.getValueAtPercentile(99.9))
                    .put("max ms", (double) h.getMaxValue());
        }
    }

    private static List<Map<String, Object>> series(List<E2eRun.Result> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (E2eRun.Result r : results) {
            for (E2eSample s : r.samples()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rate", r.rate());
                m.put("seconds", s.seconds());
                m.put("measured", s.measured());
                m.put("offered", s.offered());
                m.put("processed", s.processed());
                m.put("lag", s.lag());
                m.put("imputedP99Ms", finite(s.imputedP99()));
                m.put("featuresP99Ms", finite(s.featuresP99()));
                m.put("alertsP99Ms", finite(s.alertsP99()));
                m.put("pinotFreshnessMs", s.pinotFreshnessMs() < 0 ? null : s.pinotFreshnessMs());
                Map<String, Object> procs = new LinkedHashMap<>();
                s.processes()
                        .forEach(
                                (name, p) ->
                                        procs.put(
                                                name,
                                                Map.of(
                                                        "cpuPercent",
                                                        Double.isNaN(p.cpuPercent())
                                                                ? -1
                                                                : p.cpuPercent(),
                                                        "rssBytes",
                                                        p.rssBytes())));
                m.put("processes", procs);
                out.add(m);
            }
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Throughput, p99 latencies and lag over the whole run (rates one after another). */
    static String plot(List<E2eRun.Result> results) {
        List<E2eSample> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.samples()));
        int n = all.size();
        double[] t = new double[n];
        double[] offered = new double[n];
        double[] processed = new double[n];
        double[] imputed = new double[n];
        double[] features = new double[n];
        double[] alerts = new double[n];
        double[] pinot = new double[n];
        double[] lag = new double[n];
        double offset = 0;
        int i = 0;
        for (E2eRun.Result r : results) {
            double runEnd = 0;
            for (E2eSample s : r.samples()) {
                t[i] = offset + s.seconds();
                offered[i] = s.offered();
                processed[i] = s.processed();
                imputed[i] = s.imputedP99();
                features[i] = s.featuresP99();
                alerts[i] = s.alertsP99();
                pinot[i] = s.pinotFreshnessMs() < 0 ? Double.NaN : s.pinotFreshnessMs();
                lag[i] = s.totalLag();
                runEnd = s.seconds();
                i++;
            }
            offset += runEnd;
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        rates.put("offered", offered);
        rates.put("processed", processed);
        Map<String, double[]> latency = new LinkedHashMap<>();
        latency.put("imputed p99", imputed);
        latency.put("features p99", features);
        latency.put("alerts p99", alerts);
        latency.put("pinot freshness", pinot);
        return new SvgChart("fleet bench e2e", t)
                .panel("throughput", "events/s", rates)
                .panel("latency per second", "ms", latency)
                .panel("consumer lag, all groups", "records", Map.of("lag", lag))
                .render();
    }
}
