package io.fleetpulse.loadgen.bench;

import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import io.fleetpulse.loadgen.sink.TopicSetup;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The producer benchmark: the simulator's generate-and-encode ceiling, then R rounds of (simulator
 * into Kafka, Kafka's ProducerPerformance into Kafka), each run on a fresh topic with the telemetry
 * topic's settings, reporting medians in a {@link BenchReport}.
 */
public final class ProducerBench {

    private static final Duration GENERATION_WARMUP = Duration.ofSeconds(3);

    private final SimulationConfig config;
    private final ProducerSettings settings;
    private final int threads;
    private final TopicSpec<?, ?> template;
    private final Duration warmup;
    private final Duration duration;
    private final Duration generation;
    private final int repeats;
    private final boolean keepTopics;
    private final PrintStream out;

    public ProducerBench(
            SimulationConfig config,
            ProducerSettings settings,
            int threads,
            TopicSpec<?, ?> template,
            Duration warmup,
            Duration duration,
            Duration generation,
            int repeats,
            boolean keepTopics,
            PrintStream out) {
        this.config = config;
        this.settings = settings;
        this.threads = threads;
        this.template = template;
        this.warmup = warmup;
        this.duration = duration;
        this.generation = generation;
        this.repeats = repeats;
        this.keepTopics = keepTopics;
        this.out = out;
    }

    /** Runs everything; throws IllegalStateException with a readable message on failure. */
    public BenchReport run() throws Exception {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.println("generate + encode, one thread, no broker: " + generation + " ...");
        GenerationBench.Result gen =
                GenerationBench.run(config, GENERATION_WARMUP.toNanos(), generation.toNanos());
        int recordSize = (int) Math.round(gen.avgRecordBytes());
        out.printf(
                Locale.ROOT,
                "  %.0f events/s (%.0f per CPU-second of the thread), %.1f bytes per record%n",
                gen.eventsPerSecond(),
                gen.eventsPerCpuSecond(),
                gen.avgRecordBytes());

        List<ThroughputFigures> sim = new ArrayList<>();
        List<ThroughputFigures> kafka = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            String simTopic = freshTopic("r" + r + "-sim-");
            out.printf(
                    Locale.ROOT,
                    "run %d/%d: simulator, %d sending thread(s) -> %s (%s warm-up + %s)%n",
                    r,
                    repeats,
                    threads,
                    simTopic,
                    warmup,
                    duration);
            ThroughputFigures s =
                    SimulatorProducerRun.run(
                            config,
                            settings,
                            simTopic,
                            threads,
                            warmup.toNanos(),
                            duration.toNanos());
            out.println("  " + describe(s));
            sim.add(s);
            drop(simTopic);

            String perfTopic = freshTopic("r" + r + "-perf-");
            long warmRecords = Math.max(1, Math.round(s.eventsPerSecond() * warmup.toSeconds()));
            long records =
                    warmRecords
                            + Math.max(1, Math.round(s.eventsPerSecond() * duration.toSeconds()));
            out.printf(
                    Locale.ROOT,
                    "run %d/%d: Kafka ProducerPerformance -> %s (%d records, %d warm-up, %d bytes each)%n",
                    r,
                    repeats,
                    perfTopic,
                    records,
                    warmRecords,
                    recordSize);
            ThroughputFigures k =
                    KafkaPerfRun.run(settings, perfTopic, records, warmRecords, recordSize, out);
            out.println("  " + describe(k));
            kafka.add(k);
            drop(perfTopic);
        }
        BenchReport report = report(gen, recordSize, sim, kafka);
        report.setting("load average at start", loadAtStart);
        return report;
    }

    private String freshTopic(String tag) throws InterruptedException {
        String base = template.name();
        int dot = base.indexOf("fleet.");
        String name = base.substring(0, dot) + tag + base.substring(dot);
        TopicSpec<?, ?> spec =
                new TopicSpec<>(
                        name,
                        template.partitions(),
                        template.configs(),
                        template.keySerde(),
                        template.valueSerde(),
                        template.description());
        TopicSetup.ensure(settings.bootstrapServers(), List.of(spec), Map.of());
        return name;
    }

    private void drop(String topic) throws InterruptedException {
        if (!keepTopics) {
            String problem = TopicSetup.delete(settings.bootstrapServers(), List.of(topic));
            if (problem != null) {
                out.println("  warning: " + problem);
            }
        }
    }

    private BenchReport report(
            GenerationBench.Result gen,
            int recordSize,
            List<ThroughputFigures> sim,
            List<ThroughputFigures> kafka) {
        BenchReport report =
                BenchReport.create(
                        "producer",
                        "Producer throughput: FleetPulse simulator vs Kafka ProducerPerformance");
        report.setting("bootstrap", settings.bootstrapServers())
                .setting("producer", settings.toString())
                .setting(
                        "topic",
                        template.partitions() + " partitions, replication 1, " + template.configs())
                .setting("record size bytes", recordSize)
                .setting("warmup s", warmup.toSeconds())
                .setting("duration s", duration.toSeconds())
                .setting("repeats", repeats)
                .setting("sending threads", threads)
                .setting("vehicles", config.vehicles())
                .setting("seed", config.seed())
                .setting("max heap MiB", Runtime.getRuntime().maxMemory() >> 20);
        report.row("generate+encode, no broker")
                .put("events/s", gen.eventsPerSecond())
                .put("events/CPU-s", gen.eventsPerCpuSecond())
                .put("MB/s", gen.eventsPerSecond() * gen.avgRecordBytes() / (1024.0 * 1024.0));
        put(report.row("simulator -> Kafka"), sim);
        put(report.row("Kafka ProducerPerformance"), kafka);
        double ratio =
                median(sim, ThroughputFigures::eventsPerSecond)
                        / median(kafka, ThroughputFigures::eventsPerSecond);
        report.row("simulator / Kafka")
                .put("events/s", ratio)
                .put(
                        "events/CPU-s",
                        median(sim, ThroughputFigures::eventsPerCpuSecond)
                                / median(kafka, ThroughputFigures::eventsPerCpuSecond));
        report.note("medians of " + repeats + " alternating runs; each run on a fresh topic");
        report.note(
                "simulator: "
                        + threads
                        + " sending thread(s) sharing one producer, each simulating the vehicles of its"
                        + " share of the partitions ("
                        + config.vehicles()
                        + " in all) partition by partition within each round, Avro single-object"
                        + " encoding written straight from the simulator, key = vehicle id (spread"
                        + " over all partitions)");
        report.note(
                "ProducerPerformance: random A-Z payload of the simulator's mean record size, no key"
                        + " (sticky partitioner fills one batch at a time)");
        report.note(
                "latency: from the send call to the broker's acknowledgement (ProducerPerformance rounds to ms)");
        report.note(
                "events/CPU-s: events per CPU-second of the sending JVM (simulation, encoding and the"
                        + " producer's I/O thread; for generate+encode the one thread), independent of"
                        + " how busy the machine is; the rates are not");
        return report;
    }

    private static void put(BenchReport.Row row, List<ThroughputFigures> runs) {
        row.put("events/s", median(runs, ThroughputFigures::eventsPerSecond))
                .put("MB/s", median(runs, ThroughputFigures::megabytesPerSecond))
                .put("avg ms", median(runs, ThroughputFigures::avgMs))
                .put("p50 ms", median(runs, ThroughputFigures::p50Ms))
                .put("p99 ms", median(runs, ThroughputFigures::p99Ms))
                .put("p99.9 ms", median(runs, ThroughputFigures::p999Ms))
                .put("max ms", median(runs, ThroughputFigures::maxMs))
                .put("events/CPU-s", median(runs, ThroughputFigures::eventsPerCpuSecond))
                .put(
                        "runs events/s",
                        String.join(
                                " ",
                                runs.stream()
                                        .map(
                                                f ->
                                                        String.format(
                                                                Locale.ROOT,
                                                                "%.0f",
                                                                f.eventsPerSecond()))
                                        .toList()));
    }

    static double median(List<ThroughputFigures> runs, ToDoubleFunction<ThroughputFigures> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String describe(ThroughputFigures f) {
        return String.format(
                Locale.ROOT,
                "%d events, %.0f events/s, %.2f MB/s, latency avg %.1f ms, p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f ms",
                f.events(),
                f.eventsPerSecond(),
                f.megabytesPerSecond(),
                f.avgMs(),
                f.p50Ms(),
                f.p99Ms(),
                f.p999Ms(),
                f.maxMs());
    }
}
