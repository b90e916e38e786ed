package io.fleetpulse.loadgen;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.loadgen.cli.CaseInsensitive;
import io.fleetpulse.loadgen.cli.ProducerOptions;
import io.fleetpulse.loadgen.cli.SimulationOptions;
import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.report.ProgressReporter;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.JitWarmup;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.GatewayFormat;
import io.fleetpulse.loadgen.sink.GatewayTelemetrySink;
import io.fleetpulse.loadgen.sink.KafkaLabelPublisher;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.LabelFileWriter;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import io.fleetpulse.loadgen.sink.TopicSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet simulate}: runs the fleet simulator and sends its telemetry to Kafka or through the
 * ingest gateway, paced to the configured rate (event time follows the wall clock) or as fast as
 * possible from a given start time; publishes the ground-truth anomaly labels to the labels topic
 * and optionally a file. Prints progress every few seconds and latency percentiles at the end.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Simulate a vehicle fleet and send its telemetry to Kafka or the ingest gateway.")
public final class SimulateCommand implements Callable<Integer> {

    /** Where telemetry goes. */
    public enum Via {
        KAFKA,
        GATEWAY
    }

    /** Reads {@code --via} case-insensitively ({@code kafka} or {@code gateway}). */
    static final class ViaConverter implements CommandLine.ITypeConverter<Via> {
        @Override
        public Via convert(String value) {
            return CaseInsensitive.parse(Via.class, value);
        }
    }

    /** Reads {@code --gateway-format} case-insensitively ({@code avro} or {@code json}). */
    static final class FormatConverter implements CommandLine.ITypeConverter<GatewayFormat> {
        @Override
        public GatewayFormat convert(String value) {
            return CaseInsensitive.parse(GatewayFormat.class, value);
        }
    }

    @Mixin SimulationOptions simulation;
    @Mixin ProducerOptions producer;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description =
                    "How long to run (e.g. 60s, 10m); simulated time in --fast mode. Default: until stopped.")
    Duration duration;

    @Option(names = "--max-events", description = "Stop after this many events.")
    Long maxEvents;

    @Option(
            names = "--via",
            defaultValue = "kafka",
            converter = ViaConverter.class,
            description = "kafka or gateway (default: ${DEFAULT-VALUE}).")
    Via via;

    @Option(
            names = "--gateway-url",
            defaultValue = "http://127.0.0.1:18088",
            description = "Ingest gateway base URL (default: ${DEFAULT-VALUE}).")
    URI gatewayUrl;

    @Option(
            names = "--gateway-format",
            defaultValue = "avro",
            converter = FormatConverter.class,
            description = "avro or json request bodies (default: ${DEFAULT-VALUE}).")
    GatewayFormat gatewayFormat;

    @Option(
            names = "--gateway-batch",
            defaultValue = "500",
            description = "Events per gateway request (default: ${DEFAULT-VALUE}).")
    int gatewayBatch;

    @Option(
            names = "--gateway-in-flight",
            defaultValue = "4",
            description =
                    "Gateway requests awaiting an answer at most (default: ${DEFAULT-VALUE}).")
    int gatewayInFlight;

    @Option(
            names = "--fast",
            description =
                    "Send as fast as possible; event time runs on the simulated clock from --start.")
    boolean fast;

    @Option(
            names = "--start",
            description = "Event time of the first event in --fast mode, ISO-8601 (default: now).")
    String start;

    @Option(
            names = "--labels-file",
            description = "Also write anomaly labels to this file (.csv for CSV, else JSON lines).")
    Path labelsFile;

    @Option(
            names = "--labels-topic",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Publish anomaly labels to the labels topic (default: ${DEFAULT-VALUE}).")
    boolean labelsTopic;

    @Option(
            names = "--create-topics",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Create the telemetry and labels topics if missing (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Prefix of every topic name (for tests).")
    String topicPrefix;

    @Option(
            names = "--progress-interval",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Time between progress lines, 0 for none (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(
            names = "--jit-warmup",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description =
                    "Before a paced run, simulate a throw-away fleet this long so the JIT has"
                            + " compiled the hot paths (0 = off; default: ${DEFAULT-VALUE}).")
    Duration jitWarmup;

    @Spec CommandLine.Model.CommandSpec spec;

    private volatile boolean stopRequested;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SimulationConfig config;
        ProducerSettings settings;
        try {
            config = simulation.config(startMillis());
            settings = producer.settings();
            producer.threads();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (maxEvents != null && maxEvents < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-events must be >= 1");
        }
        Topics topics = Topics.withPrefix(topicPrefix);
        boolean needKafka = via == Via.KAFKA || labelsTopic;
        if (needKafka && createTopics) {
            List<TopicSpec<?, ?>> wanted = new ArrayList<>();
            if (via == Via.KAFKA) {
                wanted.add(topics.raw());
            }
            if (labelsTopic) {
                wanted.add(topics.anomalyLabels());
            }
            try {
                TopicSetup.ensure(settings.bootstrapServers(), wanted, Map.of());
            } catch (IllegalStateException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopAndWait(finished), "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(config, settings, topics, out);
        } catch (IOException | KafkaException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for us.
            }
        }
    }

    private int run(
            SimulationConfig config, ProducerSettings settings, Topics topics, PrintStream out)
            throws IOException, InterruptedException {
        SendStats stats = new SendStats();
        Map<String, Long> labelCounts = new TreeMap<>();
        List<Consumer<AnomalyLabel>> labelSinks = new ArrayList<>();
        LabelFileWriter file = labelsFile == null ? null : new LabelFileWriter(labelsFile);
        KafkaLabelPublisher publisher =
                labelsTopic ? new KafkaLabelPublisher(settings, topics.anomalyLabels()) : null;
        if (file != null) {
            labelSinks.add(file);
        }
        if (publisher != null) {
            labelSinks.add(publisher);
        }
        // Sending threads hand labels over from their own threads: one at a time.
        Consumer<AnomalyLabel> labels =
                label -> {
                    synchronized (labelCounts) {
                        labelCounts.merge(label.getKind(), 1L, Long::sum);
                        labelSinks.forEach(s -> s.accept(label));
                    }
                };
        int threads = producer.threads();
        out.println(header(config, settings, topics, threads));
        if (!fast) {
            JitWarmup.run(config, jitWarmup);
        }
        List<TelemetrySink> sinks = new ArrayList<>();
        try {
            TelemetrySink first = openSink(settings, topics, stats);
            sinks.add(first);
            // Paced: the simulated clock starts now, so event time = intended send time.
            long startNanos = System.nanoTime();
            List<FleetSimulator> shares =
                    SendingThreads.split(
                            fast ? config : config.withStart(System.currentTimeMillis()),
                            threads,
                            first,
                            fast,
                            labels);
            while (sinks.size() < shares.size()) {
                sinks.add(first.threadSafe() ? first : openSink(settings, topics, stats));
            }
            Pacer pacer = fast ? null : new Pacer(startNanos);
            ProgressReporter reporter =
                    new ProgressReporter(stats, out, progressInterval.toMillis());
            LoadRun.Limits limits =
                    new LoadRun.Limits(
                            maxEvents == null ? Long.MAX_VALUE : maxEvents,
                            duration == null ? Long.MAX_VALUE : duration.toNanos(),
                            Long.MAX_VALUE);
            LoadRun.Result result =
                    SendingThreads.run(shares, sinks, pacer, limits, () -> stopRequested);
            shares.forEach(FleetSimulator::finish);
            for (TelemetrySink sink : new LinkedHashSet<>(sinks)) {
                sink.flush();
            }
            if (publisher != null) {
                publisher.flush();
            }
            reporter.finish();
            out.println(reporter.summary());
            out.printf(
                    Locale.ROOT,
                    "simulated %d messages (%d lost in transit as seq gaps), %.1f s of fleet time;"
                            + " labels %s%n",
                    result.slots(),
                    result.lost(),
                    shares.get(0).offsetNanos(result.slots()) / 1e9,
                    labelCounts);
        } finally {
            for (TelemetrySink sink : new LinkedHashSet<>(sinks)) {
                sink.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (file != null) {
                file.close();
            }
        }
        String error = stats.firstError();
        if (publisher != null && publisher.firstError() != null) {
            error = error == null ? "labels: " + publisher.firstError() : error;
        }
        if (error != null) {
            System.err.println(
                    "error: " + stats.failed() + " events not delivered; first error: " + error);
            return 1;
        }
        return 0;
    }

    private TelemetrySink openSink(ProducerSettings settings, Topics topics, SendStats stats) {
        return via == Via.KAFKA
                ? new KafkaTelemetrySink(settings, topics.raw().name(), stats)
                : new GatewayTelemetrySink(
                        gatewayUrl,
                        gatewayFormat,
                        gatewayBatch,
                        Duration.ofMillis(50),
                        gatewayInFlight,
                        stats);
    }

    private long startMillis() {
        if (start == null) {
            return System.currentTimeMillis();
        }
        if (!fast) {
            throw new IllegalArgumentException(
                    "--start needs --fast (paced event time follows the clock)");
        }
        try {
            return Instant.parse(start).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must be an ISO-8601 instant like 2025-01-01T08:00:00Z");
        }
    }

    private String header(
            SimulationConfig c, ProducerSettings settings, Topics topics, int threads) {
        String target =
                via == Via.KAFKA
                        ? "Kafka "
                                + settings.bootstrapServers()
                                + " topic "
                                + topics.raw().name()
                                + " ("
                                + settings
                                + ")"
                        : "gateway "
                                + gatewayUrl
                                + " ("
                                + gatewayFormat
                                + ", "
                                + gatewayBatch
                                + " events per request)";
        return String.format(
                Locale.ROOT,
                "Simulating %d vehicles at %.0f events/s (%.2f Hz each), seed %d, %s, %d sending"
                        + " thread%s, to %s",
                c.vehicles(),
                c.eventsPerSecond(),
                c.eventsPerSecond() / c.vehicles(),
                c.seed(),
                fast
                        ? "as fast as possible from " + Instant.ofEpochMilli(c.startEpochMs())
                        : "paced",
                threads,
                threads == 1 ? "" : "s",
                target);
    }

    /** On Ctrl-C: stop sending, and let the run flush and print its summary (30 s at most). */
    private void stopAndWait(CountDownLatch finished) {
        stopRequested = true;
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
