package io.fleetpulse.stack.bench;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.RunningFeatureJob;
import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.loadgen.LoadRun;
import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;

/**
 * The measurements behind {@code fleet bench features}: FeatureJob's sustained catch-up throughput
 * from a pre-loaded raw topic, and its latency under a paced live load, each with MICE on and off,
 * on one broker and mini cluster in this JVM.
 */
final class FeatureBench {

    /** What to run. */
    record Settings(
            int vehicles,
            long events,
            int warmupRuns,
            int parallelism,
            Duration checkpointInterval,
            double latencyRate,
            Duration latencyDuration,
            Duration latencyCheckpointInterval,
            Duration allowedLateness,
            Map<String, String> flinkConf) {}

    /** A throughput run. */
    record Throughput(
            boolean mice,
            boolean fused,
            long events,
            long imputed,
            double steadyEventsPerSecond,
            double wallSeconds,
            long checkpointBytes,
            Map<String, Double> cpuSeconds) {}

    /** A latency run. */
    record Latency(boolean mice, long sent, Histogram imputedMs, Histogram featuresMs) {}

    private static final double HZ_PER_VEHICLE = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * Watermark delay while catching up on a pre-loaded topic: partitions are read at different
     * speeds, so a live-sized delay would send many events to the late topic.
     */
    private static final Duration CATCH_UP_LATENESS = Duration.ofSeconds(10);

    private final String bootstrap;
    private final Admin admin;
    private final Path workDir;
    private final Settings settings;
    private final PrintStream log;
    private int runs;

    FeatureBench(String bootstrap, Admin admin, Path workDir, Settings settings, PrintStream log) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.workDir = workDir;
        this.settings = settings;
        this.log = log;
    }

    /**
     * @param fused the fused per-vehicle operator (the job's default) or the former four-operator
     *     graph, for a side-by-side comparison in one run
     */
    Throughput throughput(boolean mice, boolean fused) throws Exception {
        Topics topics = freshTopics();
        long span = (long) (settings.events() / (settings.vehicles() * HZ_PER_VEHICLE) * 1000);
        long start = System.currentTimeMillis() - span - 120_000;
        SimulationConfig sim = simulation(start, settings.vehicles() * HZ_PER_VEHICLE);
        log.printf(
                "  pre-loading %,d events of %,d vehicles (%s of event time)...%n",
                settings.events(), settings.vehicles(), Duration.ofMillis(span));
        LoadRun.Result loaded =
                produce(
                        topics,
                        sim,
                        null,
                        new LoadRun.Limits(settings.events(), Long.MAX_VALUE, Long.MAX_VALUE),
                        0);
        Path checkpoints = workDir.resolve("checkpoints-" + runs);
        ThreadCpu cpu = new ThreadCpu();
        try (CommittedReader<ImputedTelemetry> imputed =
                new CommittedReader<>(bootstrap, topics.imputed(), null, false)) {
            long t0 = System.nanoTime();
            cpu.begin();
            try (RunningFeatureJob job =
                    RunningFeatureJob.start(
                            FeatureBench.jobConfig(
                                    bootstrap,
                                    topics,
                                    mice,
                                    settings.parallelism(),
                                    settings.checkpointInterval(),
                                    CATCH_UP_LATENESS,
                                    checkpoints.toUri().toString(),
                                    fused,
                                    settings.flinkConf()))) {
                long low = (long) (loaded.sent() * 0.1);
                long high = (long) (loaded.sent() * 0.9);
                long tLow = waitFor(imputed, low);
                long tHigh = waitFor(imputed, high);
                long settled = settle(imputed); // the rest, bar events that arrived late
                t0 += settled;
                double wall = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> spent = cpu.end();
                double steady = (high - low) / ((tHigh - tLow) / 1e9);
                long commits = settings.checkpointInterval().toNanos();
                if (tHigh - tLow < 3 * commits) {
                    // Exactly-once output appears a checkpoint at a time: when the 10 % and 90 %
                    // marks lie within a few commits of each other, their distance says nothing
                    // about the rate (a short run once read 1.3 million events/s).
                    steady = loaded.sent() / wall;
                    log.printf(
                            "  note: 10-90 %% of the output appeared within %.1f s (< 3 checkpoint"
                                    + " intervals): the rate below is over the whole run; use more"
                                    + " --events for a steady rate%n",
                            (tHigh - tLow) / 1e9);
                }
                log.printf(
                        "  MICE %s%s: %,.0f events/s steady, %.1f s in all, %.1f CPU-us/event%n",
                        mice ? "on " : "off",
                        fused ? "" : " (former graph)",
                        steady,
                        wall,
                        spent.values().stream().mapToDouble(Double::doubleValue).sum()
                                * 1e6
                                / loaded.sent());
                return new Throughput(
                        mice,
                        fused,
                        loaded.sent(),
                        imputed.count(),
                        steady,
                        wall,
                        directorySize(checkpoints),
                        spent);
            }
        }
    }

    Latency latency(boolean mice) throws Exception {
        Topics topics = freshTopics();
        Path checkpoints = workDir.resolve("checkpoints-" + runs);
        try (RunningFeatureJob job =
                        RunningFeatureJob.start(
                                FeatureBench.jobConfig(
                                        bootstrap,
                                        topics,
                                        mice,
                                        settings.parallelism(),
                                        settings.latencyCheckpointInterval(),
                                        settings.allowedLateness(),
                                        checkpoints.toUri().toString(),
                                        true,
                                        settings.flinkConf()));
                CommittedReader<ImputedTelemetry> imputed =
                        new CommittedReader<>(
                                bootstrap, topics.imputed(), ImputedTelemetry::getEventTime, true);
                CommittedReader<FeatureVector> features =
                        new CommittedReader<>(
                                bootstrap,
                                topics.features(),
                                // the record timestamp: the window's last instant
                                f -> f.getWindowEnd() - 1,
                                true)) {
            Thread.sleep(5_000); // let the job start and its source find the partitions
            SimulationConfig sim = simulation(System.currentTimeMillis(), settings.latencyRate());
            log.printf(
                    "  live load: %,.0f events/s for %s (MICE %s)...%n",
                    settings.latencyRate(), settings.latencyDuration(), mice ? "on" : "off");
            long warmup = Math.min(10_000, settings.latencyDuration().toMillis() / 3);
            LoadRun.Result sent =
                    produce(
                            topics,
                            sim,
                            new Pacer(System.nanoTime()),
                            new LoadRun.Limits(
                                    Long.MAX_VALUE,
                                    settings.latencyDuration().toNanos(),
                                    settings.latencyDuration().toNanos() + 30_000_000_000L),
                            warmup,
                            imputed,
                            features);
            Thread.sleep(
                    settings.allowedLateness().toMillis()
                            + 10_000
                            + settings.latencyCheckpointInterval().toMillis() * 2);
            Histogram i = imputed.latencies();
            Histogram f = features.latencies();
            checkTimestamps(imputed, "imputed records", "their event time");
            checkTimestamps(features, "feature vectors", "their window's last instant");
            return new Latency(mice, sent.sent(), i, f);
        }
    }

    /**
     * Fails the run if a sampled record's timestamp was not its reference time: latencies from
     * record timestamps would be wrong.
     */
    private static void checkTimestamps(CommittedReader<?> reader, String what, String reference) {
        if (reader.mismatches() > 0 || (reader.count() > 0 && reader.checked() == 0)) {
            throw new IllegalStateException(
                    reader.mismatches()
                            + " of "
                            + reader.checked()
                            + " checked "
                            + what
                            + " carry a timestamp other than "
                            + reference
                            + ": the latency from record timestamps would be wrong");
        }
    }

    static org.apache.flink.configuration.Configuration jobConfig(
            String bootstrap,
            Topics topics,
            boolean mice,
            int parallelism,
            Duration checkpointInterval,
            Duration allowedLateness,
            String checkpointDir,
            boolean fused,
            Map<String, String> flinkConf) {
        var c = RunningFeatureJob.localConfig(bootstrap, topics);
        flinkConf.forEach(c::setString); // the job's own settings below take precedence
        c.set(FeatureJobOptions.MICE_ENABLED, mice);
        c.set(FeatureJobOptions.PARALLELISM, parallelism);
        c.set(FeatureJobOptions.CHECKPOINT_INTERVAL, checkpointInterval);
        c.set(FeatureJobOptions.ALLOWED_LATENESS, allowedLateness);
        c.set(FeatureJobOptions.CHECKPOINT_DIR, checkpointDir);
        c.set(FeatureJobOptions.FUSED_PIPELINE, fused);
        return c;
    }

    private SimulationConfig simulation(long start, double rate) {
        return SimulationConfig.defaults(start)
                .withVehicles(settings.vehicles(), rate)
                .withSeed(42 + runs);
    }

    /**
     * Sends the simulator's events to the raw topic, paced or (pacer null) as fast as possible;
     * with a warm-up, what the readers recorded during it is discarded.
     */
    private LoadRun.Result produce(
            Topics topics,
            SimulationConfig config,
            Pacer pacer,
            LoadRun.Limits limits,
            long warmupMs,
            CommittedReader<?>... resetAfterWarmup)
            throws InterruptedException {
        FleetSimulator sim = new FleetSimulator(config, label -> {});
        try (KafkaTelemetrySink sink =
                new KafkaTelemetrySink(
                        ProducerSettings.defaults(bootstrap),
                        topics.raw().name(),
                        new SendStats())) {
            if (warmupMs > 0) {
                long warmNanos = warmupMs * 1_000_000;
                LoadRun.run(
                        sim,
                        sink,
                        pacer,
                        new LoadRun.Limits(Long.MAX_VALUE, warmNanos, warmNanos + 30_000_000_000L),
                        () -> false);
                for (CommittedReader<?> r : resetAfterWarmup) {
                    r.latencies(); // discard what the warm-up recorded
                }
            }
            LoadRun.Result r = LoadRun.run(sim, sink, pacer, limits, () -> false);
            sink.flush();
            return r;
        }
    }

    private static long waitFor(CommittedReader<?> reader, long records)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (reader.count() < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "FeatureJob produced only "
                                + reader.count()
                                + " of "
                                + records
                                + " records in "
                                + TIMEOUT);
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    /** Waits until the reader's count stops growing; returns the nanoseconds spent waiting idle. */
    private static long settle(CommittedReader<?> reader) throws InterruptedException {
        long last = -1;
        long idleSince = System.nanoTime();
        while (true) {
            long now = reader.count();
            if (now != last) {
                last = now;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > SETTLE.toNanos()) {
                return System.nanoTime() - idleSince;
            }
            Thread.sleep(50);
        }
    }

    private Topics freshTopics() throws Exception {
        Topics topics =
                Topics.withPrefix("bench" + (++runs) + "-" + System.currentTimeMillis() + ".");
        new TopicProvisioner(admin, (short) 1, Map.of()).provision(topics.all());
        return topics;
    }

    static long directorySize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
