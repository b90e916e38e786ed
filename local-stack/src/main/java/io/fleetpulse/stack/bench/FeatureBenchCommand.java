package io.fleetpulse.stack.bench;

import io.fleetpulse.embedded.kafka.EmbeddedKafka;
import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.report.BenchReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet bench features}: FeatureJob's sustained throughput and latency on this machine, MICE
 * imputation on and off side by side in one run, plus its keyed state per vehicle and where the CPU
 * time goes. Starts its own broker and mini cluster in this JVM (127.0.0.1, data under work/bench)
 * and removes them afterwards.
 */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description =
                "FeatureJob throughput, latency and state size, MICE on vs off, on a fresh local broker.")
public final class FeatureBenchCommand implements Callable<Integer> {

    @Option(
            names = "--vehicles",
            defaultValue = "10000",
            description = "Simulated vehicles (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--events",
            defaultValue = "2000000",
            description = "Events pre-loaded per throughput run (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--repeats",
            defaultValue = "2",
            description =
                    "Throughput runs per mode, alternating; medians reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--warmup-runs",
            defaultValue = "1",
            description =
                    "Throughput runs per mode before the measured ones, not reported: the first"
                            + " run of a JVM is cold (JIT, RocksDB, the broker's page cache)"
                            + " (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "FeatureJob parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            converter = DurationConverter.class,
            names = "--checkpoint-interval",
            defaultValue = "2s",
            description = "Checkpoint interval of the throughput runs (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--latency-rate",
            defaultValue = "50000",
            description = "Events/s of the paced live load (default: ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(
            converter = DurationConverter.class,
            names = "--latency-duration",
            defaultValue = "40s",
            description = "Length of each latency run (default: ${DEFAULT-VALUE}).")
    Duration latencyDuration;

    @Option(
            converter = DurationConverter.class,
            names = "--latency-checkpoint-interval",
            defaultValue = "200ms",
            description =
                    "Checkpoint interval of the latency runs: exactly-once output is readable when a checkpoint commits (default: ${DEFAULT-VALUE}).")
    Duration latencyCheckpointInterval;

    @Option(
            converter = DurationConverter.class,
            names = "--allowed-lateness",
            defaultValue = "500ms",
            description = "Watermark delay (bounded out-of-orderness) (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(
            names = "--former-graph",
            description =
                    "Also measure the former four-operator job graph (MICE on) in each throughput round, side by side.")
    boolean formerGraph;

    @Option(
            names = "--no-latency",
            description = "Skip the live-load latency runs (throughput and state only).")
    boolean noLatency;

    @Option(
            names = "--flink-conf",
            paramLabel = "KEY=VALUE",
            description =
                    "A Flink configuration entry for every run of the job, e.g."
                            + " execution.checkpointing.unaligned.enabled=true (repeatable).")
    Map<String, String> flinkConf = new LinkedHashMap<>();

    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || warmupRuns < 0 || events < 1 || parallelism < 1 || vehicles < 1) {
            System.err.println(
                    "fleet bench features: --repeats, --events, --parallelism and --vehicles must"
                            + " be positive, --warmup-runs zero or more");
            return 2;
        }
        Path work =
                Path.of(
                        System.getProperty("fleet.work.dir", "work"),
                        "bench",
                        "features-" + System.currentTimeMillis());
        FeatureBench.Settings settings =
                new FeatureBench.Settings(
                        vehicles,
                        events,
                        warmupRuns,
                        parallelism,
                        checkpointInterval,
                        latencyRate,
                        latencyDuration,
                        latencyCheckpointInterval,
                        allowedLateness,
                        Map.copyOf(flinkConf));
        List<FeatureBench.Throughput> on = new ArrayList<>();
        List<FeatureBench.Throughput> off = new ArrayList<>();
        List<FeatureBench.Throughput> former = new ArrayList<>();
        FeatureBench.Latency latencyOn = null;
        FeatureBench.Latency latencyOff = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral(work.resolve("kafka"));
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            FeatureBench bench =
                    new FeatureBench(kafka.bootstrapServers(), admin, work, settings, System.out);
            System.out.println(
                    "fleet bench features: broker "
                            + kafka.bootstrapServers()
                            + ", work dir "
                            + work);
            for (int w = 0; w < warmupRuns; w++) {
                System.out.printf("warm-up run %d of %d (not reported)%n", w + 1, warmupRuns);
                bench.throughput(true, true);
                bench.throughput(false, true);
            }
            for (int r = 0; r < repeats; r++) {
                System.out.printf("throughput run %d of %d%n", r + 1, repeats);
                on.add(bench.throughput(true, true));
                off.add(bench.throughput(false, true));
                if (formerGraph) {
                    former.add(bench.throughput(true, false));
                }
            }
            if (!noLatency) {
                System.out.println("latency runs");
                latencyOn = bench.latency(true);
                latencyOff = bench.latency(false);
            }
        } finally {
            FeatureBenchFiles.delete(work);
        }
        int panesKept =
                (int) (Duration.ofSeconds(60).toMillis() / Duration.ofSeconds(10).toMillis());
        BenchReport report =
                FeatureBenchReport.build(
                        settings,
                        on,
                        off,
                        former,
                        latencyOn,
                        latencyOff,
                        StateSize.measure(panesKept));
        report.print(System.out);
        if (json != null) {
            report.writeJson(json);
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
