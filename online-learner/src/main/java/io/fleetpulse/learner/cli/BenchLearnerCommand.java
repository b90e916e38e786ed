package io.fleetpulse.learner.cli;

import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.bench.LearnerBench;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.train.DjlRuntime.DeviceChoice;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet bench learner}: training steps/s per model, scored vectors/s, end-to-end replica
 * throughput and averaging round time for P = 1 and 2, the headroom over the features a 50,000
 * events/s fleet produces, and what parameter compression saves and costs.
 */
@Command(
        name = "learner",
        mixinStandardHelpOptions = true,
        description = "Online learner throughput: training, scoring, averaging; compression.")
public final class BenchLearnerCommand implements Callable<Integer> {

    @Option(
            names = "--seconds",
            defaultValue = "5",
            description = "Length of each measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--vehicles",
            defaultValue = "1000",
            description = "Vehicles in the synthetic stream (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description =
                    "Runs of each measurement; the table reports the median"
                            + " (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        LearnerBench.Settings settings;
        try {
            settings =
                    new LearnerBench.Settings(
                            LearnerSettings.defaults()
                                    .withBatchSize(batchSize)
                                    .withDevice(DeviceChoice.parse(device)),
                            seconds,
                            vehicles,
                            repeats);
        } catch (IllegalArgumentException e) {
            System.err.println("fleet bench learner: " + e.getMessage());
            return 2;
        }
        BenchReport report = new LearnerBench(settings).run();
        report.print(System.out);
        if (json != null) {
            report.writeJson(json);
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
