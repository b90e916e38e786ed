package io.fleetpulse.pinot.bench;

import io.fleetpulse.pinot.NamedQueries;
import io.fleetpulse.pinot.NamedQuery;
import io.fleetpulse.pinot.PinotBrokerClient;
import io.fleetpulse.pinot.PinotConfigs;
import io.fleetpulse.pinot.PinotControllerClient;
import io.fleetpulse.pinot.PinotException;
import io.fleetpulse.pinot.QueryResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet bench pinot}: loads history into benchmark copies of the Pinot tables (own topics,
 * tables named {@code *_bench}, dropped afterwards), then measures the latency of every named query
 * and the ingestion lag (event time to queryable) while telemetry keeps flowing at a fixed rate.
 * Prints a table and, with {@code --json}, writes the same figures with machine and settings.
 */
@Command(
        name = "pinot",
        mixinStandardHelpOptions = true,
        description =
                "Benchmark Pinot: named-query latency and ingestion lag while ingesting, after a"
                        + " bulk load.")
public final class PinotBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--controller",
            defaultValue = "${sys:fleet.pinot.controller:-http://127.0.0.1:19000}",
            description = "Pinot controller URL (default: ${DEFAULT-VALUE}).")
    String controller;

    @Option(
            names = "--broker",
            defaultValue = "${sys:fleet.pinot.broker:-http://127.0.0.1:18099}",
            description = "Pinot broker URL (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--rows",
            defaultValue = "10000000",
            description = "Telemetry rows to load before measuring (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--vehicles",
            defaultValue = "10000",
            description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--rate",
            defaultValue = "20000",
            description = "Telemetry rows/s ingested while measuring (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "120",
            description = "Seconds of measuring (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(
            names = "--idle-duration",
            defaultValue = "30",
            description =
                    "Seconds of measuring the queries alone, before live ingestion starts (0: skip;"
                            + " default: ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "100",
            description =
                    "Kafka transaction commit interval while measuring (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(
            names = "--probe-interval-ms",
            defaultValue = "200",
            description = "How often a freshness probe event is sent (default: ${DEFAULT-VALUE}).")
    long probeIntervalMs;

    @Option(
            names = "--poll-interval-ms",
            defaultValue = "25",
            description = "How often the freshness probe polls Pinot (default: ${DEFAULT-VALUE}).")
    long pollIntervalMs;

    @Option(
            names = "--topic-prefix",
            defaultValue = "bench.",
            description = "Prefix of the benchmark's own topics (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(
            names = "--flush-rows",
            paramLabel = "TABLE=ROWS",
            description =
                    "Replace a table's realtime.segment.flush.threshold.rows (rows per server, split"
                            + " over its partitions) in the benchmark copy, e.g."
                            + " --flush-rows telemetry=600000.")
    Map<String, Long> flushRows = new java.util.LinkedHashMap<>();

    @Option(names = "--keep", description = "Keep the benchmark tables and topics afterwards.")
    boolean keep;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rows < 1 || vehicles < 1 || rate <= 0 || durationSeconds <= 0) {
            err.println(
                    "fleet bench pinot: --rows, --vehicles, --rate and --duration must be positive");
            return 2;
        }
        PinotControllerClient ctl = new PinotControllerClient(controller);
        PinotBrokerClient brk = new PinotBrokerClient(broker, Duration.ofSeconds(30));
        BenchTables bench;
        try {
            bench = new BenchTables(topicPrefix, bootstrap, flushRows);
        } catch (IllegalArgumentException e) {
            err.println("fleet bench pinot: --flush-rows: " + e.getMessage());
            return 2;
        }
        SyntheticFleet fleet = new SyntheticFleet("B", vehicles, 42);
        PinotBenchReport report = new PinotBenchReport(settings());
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                // Start from empty tables: a previous run's --keep leaves its rows behind.
                bench.drop(admin, ctl);
                bench.create(admin, ctl).forEach(r -> out.println("setup: " + r.describe()));
                out.flush();
                BulkLoader.Result load;
                try (FleetProducer producer = new FleetProducer(bootstrap, bench.topics(), true)) {
                    load =
                            new BulkLoader(fleet, producer)
                                    .load(rows, System.currentTimeMillis(), out);
                }
                report.load(load);
                out.printf(
                        "load: %,d rows, %,d windows and %,d alerts sent in %.1f s%n",
                        load.rows(), load.windows(), load.alerts(), load.seconds());
                double caughtUp =
                        awaitRows(brk, bench.table(PinotConfigs.TELEMETRY), load.rows(), out);
                report.catchUp(load.rows(), load.seconds(), caughtUp);
                report.loadAverage("after catch-up");
                if (idleSeconds > 0) {
                    out.printf("measuring the queries alone for %.0f s ...%n", idleSeconds);
                    out.flush();
                    report.queries(
                            " (idle)", new QueryLoop(brk, queries(fleet, bench)).run(idleSeconds));
                }
                measure(fleet, bench, brk, load.nextTick(), report, out);
            } finally {
                if (!keep) {
                    bench.drop(admin, ctl);
                    out.println("dropped the benchmark tables and topics (--keep keeps them)");
                }
            }
        } catch (PinotException e) {
            err.println("fleet bench pinot: " + e.getMessage());
            return 1;
        }
        report.print(out);
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private void measure(
            SyntheticFleet fleet,
            BenchTables bench,
            PinotBrokerClient brk,
            long nextTick,
            PinotBenchReport report,
            PrintWriter out)
            throws InterruptedException {
        try (FleetProducer producer = new FleetProducer(bootstrap, bench.topics(), true)) {
            LiveIngest ingest =
                    new LiveIngest(
                            fleet, producer, rate, commitIntervalMs, probeIntervalMs, nextTick);
            FreshnessProbe probe =
                    new FreshnessProbe(
                            brk, ingest, bench.table(PinotConfigs.TELEMETRY), pollIntervalMs);
            Thread ingestThread = new Thread(ingest, "bench-ingest");
            Thread probeThread = new Thread(probe, "bench-freshness");
            ingestThread.start();
            probeThread.start();
            out.printf(
                    "measuring for %.0f s while ingesting %,.0f rows/s ...%n",
                    durationSeconds, rate);
            out.flush();
            Map<String, QueryLoop.Stats> stats =
                    new QueryLoop(brk, queries(fleet, bench)).run(durationSeconds);
            double achieved = ingest.achievedRate();
            ingest.stop();
            probe.stop();
            ingestThread.join();
            probeThread.join();
            report.queries(" (ingesting)", stats);
            report.loadAverage("at the end");
            report.live(ingest.sent(), achieved, probe);
        }
    }

    private List<QueryLoop.Query> queries(SyntheticFleet fleet, BenchTables bench) {
        List<QueryLoop.Query> out = new ArrayList<>();
        Instant now = Instant.now();
        for (NamedQuery q : NamedQueries.all()) {
            if (!bench.renames().keySet().containsAll(tablesOf(q))) {
                continue;
            }
            Map<String, String> params =
                    q.params().stream().anyMatch(p -> p.name().equals("vehicle"))
                            ? Map.of("vehicle", fleet.vehicleId(42))
                            : Map.of();
            out.add(new QueryLoop.Query(q.name(), q.render(params, now, bench.renames())));
        }
        return out;
    }

    private static List<String> tablesOf(NamedQuery q) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?i)\\bFROM\\s+(\\w+)").matcher(q.template());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Waits until Pinot holds {@code expected} rows; returns seconds waited. */
    private static double awaitRows(
            PinotBrokerClient brk, String table, long expected, PrintWriter out)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long count = 0;
            try {
                QueryResult r = brk.query("SELECT COUNT(*) FROM " + table);
                count = r.rows().get(0).get(0).asLong();
            } catch (PinotException e) {
                // the table may not be queryable yet
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (count >= expected) {
                out.printf(
                        "catch-up: all %,d rows queryable %.1f s after the load ended%n",
                        expected, s);
                out.flush();
                return s;
            }
            if (s - lastPrint >= 5) {
                lastPrint = (long) s;
                out.printf("catch-up: %,d of %,d rows queryable%n", count, expected);
                out.flush();
            }
            Thread.sleep(500);
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("rows", rows);
        s.put("vehicles", vehicles);
        s.put("rateRowsPerSecond", rate);
        s.put("durationSeconds", durationSeconds);
        s.put("idleDurationSeconds", idleSeconds);
        s.put("commitIntervalMs", commitIntervalMs);
        s.put("probeIntervalMs", probeIntervalMs);
        s.put("pollIntervalMs", pollIntervalMs);
        s.put("controller", controller);
        s.put("broker", broker);
        s.put("bootstrap", bootstrap);
        s.put("flushRowsOverrides", flushRows.toString());
        return s;
    }

    /** Runs the benchmark on its own. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PinotBenchCommand()).execute(args));
    }
}
