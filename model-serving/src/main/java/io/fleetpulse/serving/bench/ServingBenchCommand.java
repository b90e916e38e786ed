package io.fleetpulse.serving.bench;

import io.fleetpulse.ingest.report.BenchReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet bench serving}: latency and throughput of model-serving's predictions at a fixed
 * request rate, single and batched, with the models hot-swapped during the run; a table, and JSON
 * with {@code --json}.
 */
@Command(
        name = "serving",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks model-serving in this JVM: single and batch predictions at a fixed rate"
                        + " (intended-time pacing, HdrHistogram) while models are hot-swapped.")
public final class ServingBenchCommand implements Callable<Integer> {

    @Option(
            names = "--rate",
            defaultValue = "2000",
            description = "Single predictions per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description = "Vectors per batch request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--batch-rate",
            defaultValue = "20",
            description = "Batch requests per second (default: ${DEFAULT-VALUE}).")
    double batchRate;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "Length of each measured phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "10",
            description = "Unmeasured warm-up at the single rate (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(
            names = "--swap-every-ms",
            defaultValue = "2000",
            description =
                    "A new version of every model every this often (default: ${DEFAULT-VALUE}).")
    long swapEveryMs;

    @Option(
            names = "--workers",
            defaultValue = "16",
            description =
                    "Client threads, i.e. most requests in flight (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--state-dir",
            defaultValue = "${sys:fleet.work.dir:-work}/bench-serving",
            description = "Scratch state directory of the server (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    Path json;

    /** Runs the bench without the fleet CLI (from this module's classpath). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || batchRate <= 0 || seconds < 1 || batchSize < 1 || workers < 1) {
            System.err.println("error: rates, sizes, seconds and workers must be positive");
            return 2;
        }
        ServingBench bench =
                new ServingBench(
                        rate,
                        batchSize,
                        batchRate,
                        seconds,
                        warmupSeconds,
                        swapEveryMs,
                        workers,
                        stateDir);
        BenchReport report = bench.run(System.out);
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
