package io.fleetpulse.pinot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one {@code fleet bench pinot} run: load and catch-up rates, latency percentiles
 * per named query, ingestion lag, the settings and the machine; printed as a table and written as
 * JSON with the same content.
 */
final class PinotBenchReport {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> settings;
    private final Map<String, Object> load = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> queries = new LinkedHashMap<>();
    private final Map<String, Object> live = new LinkedHashMap<>();

    PinotBenchReport(Map<String, Object> settings) {
        this.settings = settings;
    }

    void load(BulkLoader.Result r) {
        load.put("rows", r.rows());
        load.put("windows", r.windows());
        load.put("sendSeconds", round(r.seconds()));
        load.put("sendRowsPerSecond", Math.round(r.rows() / r.seconds()));
    }

    void catchUp(long rows, double secondsAfterSend) {
        double total = ((Number) load.get("sendSeconds")).doubleValue() + secondsAfterSend;
        load.put("queryableSecondsAfterSend", round(secondsAfterSend));
        load.put("ingestRowsPerSecond", Math.round(rows / total));
    }

    void queries(Map<String, QueryLoop.Stats> stats) {
        stats.forEach(
                (name, s) -> {
                    Map<String, Object> q = new LinkedHashMap<>();
                    Histogram h = s.latencyMicros;
                    q.put("runs", h.getTotalCount());
                    q.put("p50Ms", ms(h.getValueAtPercentile(50)));
                    q.put("p95Ms", ms(h.getValueAtPercentile(95)));
                    q.put("p99Ms", ms(h.getValueAtPercentile(99)));
                    q.put("maxMs", ms(h.getMaxValue()));
                    q.put("pinotP99Ms", s.pinotMillis.getValueAtPercentile(99));
                    q.put("rowsReturned", s.rows);
                    q.put("docsScanned", s.docsScanned);
                    q.put("totalDocs", s.totalDocs);
                    q.put("errors", s.errors);
                    if (s.lastError != null) {
                        q.put("lastError", s.lastError);
                    }
                    queries.put(name, q);
                });
    }

    void live(long rowsSent, double achievedRate, FreshnessProbe probe) {
        Histogram h = probe.lagMs();
        live.put("rowsSent", rowsSent);
        live.put("achievedRowsPerSecond", Math.round(achievedRate));
        live.put("freshnessSamples", h.getTotalCount());
        live.put("freshnessP50Ms", h.getValueAtPercentile(50));
        live.put("freshnessP95Ms", h.getValueAtPercentile(95));
        live.put("freshnessP99Ms", h.getValueAtPercentile(99));
        live.put("freshnessMaxMs", h.getMaxValue());
        live.put("probesNeverSeen", probe.unseen());
        live.put("probeQueryErrors", probe.errors());
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Pinot benchmark: named queries while ingesting");
        out.printf(
                "%-34s %6s %9s %9s %9s %9s %7s %12s%n",
                "query", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms", "rows", "docs scanned");
        queries.forEach(
                (name, q) ->
                        out.printf(
                                Locale.ROOT,
                                "%-34s %6d %9.1f %9.1f %9.1f %9.1f %7d %12d%s%n",
                                name,
                                q.get("runs"),
                                q.get("p50Ms"),
                                q.get("p95Ms"),
                                q.get("p99Ms"),
                                q.get("maxMs"),
                                q.get("rowsReturned"),
                                q.get("docsScanned"),
                                ((Long) q.get("errors")) > 0
                                        ? "  errors: " + q.get("errors")
                                        : ""));
        out.println();
        out.println("load:      " + load);
        out.println("live:      " + live);
        out.println("settings:  " + settings);
        out.println("machine:   " + machine());
    }

    void writeJson(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "pinot");
        root.set("machine", JSON.valueToTree(machine()));
        root.set("settings", JSON.valueToTree(settings));
        root.set("load", JSON.valueToTree(load));
        root.set("queries", JSON.valueToTree(queries));
        root.set("live", JSON.valueToTree(live));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        long total =
                ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize();
        m.put("memoryGiB", round(total / (1024.0 * 1024 * 1024)));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
