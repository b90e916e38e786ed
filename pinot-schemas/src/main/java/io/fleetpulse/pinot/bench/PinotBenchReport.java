package io.fleetpulse.pinot.bench;

import io.fleetpulse.ingest.report.BenchReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Fills the shared {@link BenchReport} for {@code fleet bench pinot}: one row per named query
 * (latency percentiles as the client sees them, rows returned, documents scanned), a row for the
 * ingestion lag (same percentile columns), and rows for the bulk load and the live ingestion.
 */
final class PinotBenchReport {

    private static final long FRESHNESS_TARGET_MS = 2000;

    private final BenchReport report =
            BenchReport.create(
                    "pinot", "Pinot: named-query latency and ingestion lag while ingesting");

    PinotBenchReport(Map<String, Object> settings) {
        settings.forEach(report::setting);
    }

    /**
     * Records the machine's 1-minute load average now: on a shared machine the figures mean little
     * without it.
     */
    void loadAverage(String when) {
        double load =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage();
        report.setting("load average " + when, Math.round(load * 10) / 10.0);
    }

    void load(BulkLoader.Result r) {
        report.row("bulk load: sent")
                .put("rows", r.rows())
                .put("rows/s", r.rows() / r.seconds())
                .put("seconds", r.seconds());
        report.setting("windows loaded", r.windows());
        report.setting("alerts loaded (OPEN + CLEARED each)", r.alerts());
    }

    void catchUp(long rows, double sendSeconds, double secondsAfterSend) {
        report.row("bulk load: queryable")
                .put("rows", rows)
                .put("rows/s", rows / (sendSeconds + secondsAfterSend))
                .put("seconds", sendSeconds + secondsAfterSend);
    }

    /** One row per query, labelled with its name and {@code phase}, e.g. " (idle)". */
    void queries(String phase, Map<String, QueryLoop.Stats> stats) {
        stats.forEach(
                (name, s) -> {
                    BenchReport.Row row =
                            percentiles(report.row(name + phase), s.latencyMicros, 1000.0);
                    row.put("rows", s.rows).put("docs scanned", s.docsScanned);
                    if (s.errors > 0) {
                        row.put("errors", s.errors);
                        report.note(name + ": last error: " + s.lastError);
                    }
                });
    }

    void live(long rowsSent, double achievedRate, FreshnessProbe probe) {
        percentiles(report.row("freshness (event time to queryable)"), probe.lagMs(), 1.0)
                .put("rows", probe.lagMs().getTotalCount());
        report.row("live ingestion: sent").put("rows", rowsSent).put("rows/s", achievedRate);
        report.note(
                probe.over(FRESHNESS_TARGET_MS)
                        + " of "
                        + probe.lagMs().getTotalCount()
                        + " freshness probes took over "
                        + FRESHNESS_TARGET_MS
                        + " ms");
        if (probe.unseen() > 0) {
            report.note(
                    probe.unseen() + " freshness probes were not yet queryable when the run ended");
        }
        report.note(
                "latency = request to parsed answer at the client, after 3 warm-up rounds;"
                        + " freshness resolution = the probe's poll interval");
    }

    void print(PrintWriter out) {
        out.println();
        out.print(report.toTable());
        out.flush();
    }

    void writeJson(Path file) throws IOException {
        report.writeJson(file);
    }

    private static BenchReport.Row percentiles(BenchReport.Row row, Histogram h, double perMs) {
        return row.put("runs", h.getTotalCount())
                .put("p50 ms", h.getValueAtPercentile(50) / perMs)
                .put("p95 ms", h.getValueAtPercentile(95) / perMs)
                .put("p99 ms", h.getValueAtPercentile(99) / perMs)
                .put("max ms", h.getMaxValue() / perMs);
    }
}
