package io.fleetpulse.loadgen;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.loadgen.bench.ProducerBench;
import io.fleetpulse.loadgen.cli.ProducerOptions;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet bench producer}: the simulator's sustained unpaced rate into Kafka, side by side
 * with Kafka's own {@code ProducerPerformance} on the same broker, the same topic settings, the
 * simulator's average record size and the same producer settings, alternating, repeated, reporting
 * medians; plus the simulator's generate-and-encode ceiling without a broker.
 */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        description =
                "Measure the simulator's producer throughput against Kafka's own ProducerPerformance.")
public final class ProducerBenchCommand implements Callable<Integer> {

    @Mixin ProducerOptions producer;

    @Option(
            names = "--duration",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Measured time per run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Unmeasured warm-up per run (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description = "Runs of each, alternating (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--vehicles",
            defaultValue = "10000",
            description = "Simulated fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--generation-duration",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "Measured time of the generate-and-encode run without a broker (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration generationDuration;

    @Option(
            names = "--json",
            description = "Also write the figures, settings and machine as JSON here.")
    Path json;

    @Option(names = "--keep-topics", description = "Keep the throw-away bench topics.")
    boolean keepTopics;

    @Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ProducerSettings settings;
        int threads;
        try {
            settings = producer.settings();
            threads = producer.threads();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (repeats < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "need --repeats >= 1, --duration > 0 and --warmup >= 0");
        }
        // 5 Hz per vehicle; in unpaced mode only the simulated clock depends on it.
        SimulationConfig config =
                SimulationConfig.defaults(System.currentTimeMillis())
                        .withVehicles(vehicles, vehicles * 5.0)
                        .withSeed(seed);
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TopicSpec<?, ?> template = Topics.withPrefix(runId).raw();
        ProducerBench bench =
                new ProducerBench(
                        config,
                        settings,
                        threads,
                        template,
                        warmup,
                        duration,
                        generationDuration,
                        repeats,
                        keepTopics,
                        System.out);
        BenchReport report;
        try {
            report = bench.run();
        } catch (IllegalStateException | KafkaException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        report.print(System.out);
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                System.err.println("error: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
            System.out.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }
}
