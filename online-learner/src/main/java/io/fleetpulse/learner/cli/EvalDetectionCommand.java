package io.fleetpulse.learner.cli;

import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.ThresholdSettings;
import io.fleetpulse.learner.eval.DetectionEvaluation;
import io.fleetpulse.learner.eval.EvalInputs;
import io.fleetpulse.learner.eval.LabelledFeatures;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.train.AdamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet eval detection}: simulated telemetry with labelled anomalies (or a labelled CSV, or
 * recorded features) through the real FeatureJob, then the FleetPulse learner, Random Cut Forest
 * and the daily batch baseline on the same feature vectors, scored event by event: precision,
 * recall, F1 and mean detection delay per anomaly kind and overall.
 */
@Command(
        name = "detection",
        mixinStandardHelpOptions = true,
        description =
                "FleetPulse anomaly detection vs Random Cut Forest vs daily batch aggregates, on"
                        + " labelled anomalies.")
public final class EvalDetectionCommand implements Callable<Integer> {

    @Option(
            names = "--vehicles",
            defaultValue = "50",
            description = "Simulated vehicles (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--hz",
            defaultValue = "1",
            description = "Messages per vehicle per second (default: ${DEFAULT-VALUE}).")
    double hz;

    @Option(
            names = "--duration",
            defaultValue = "PT24H",
            description = "Simulated time, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--anomaly-rate",
            defaultValue = "0.1",
            description = "Anomaly episodes per vehicle-hour (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(
            names = "--csv",
            description = "Labelled telemetry CSV to evaluate on instead of the simulator.")
    Path csv;

    @Option(
            names = "--label-column",
            defaultValue = "anomaly",
            description =
                    "CSV column naming the anomaly kind of a row, empty if none (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(
            names = "--replay",
            description =
                    "Evaluate on features recorded with --save (skips simulator and FeatureJob).")
    Path replay;

    @Option(names = "--save", description = "Record the features and labels here for --replay.")
    Path save;

    @Option(
            names = "--record-only",
            description = "With --save: record the features and labels, evaluate nothing.")
    boolean recordOnly;

    @Option(
            names = "--replicas",
            defaultValue = "2",
            description = "Learner replicas P (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--no-rcf", description = "Leave out Random Cut Forest (the slowest detector).")
    boolean noRcf;

    @Option(
            names = "--rules-only",
            description =
                    "Run the learner's rules without its models (and without Random Cut Forest):"
                            + " a check of rule changes in a minute.")
    boolean rulesOnly;

    @Option(
            names = "--threshold-quantile",
            description = "Score quantile of the adaptive thresholds (default: the job's).")
    Double thresholdQuantile;

    @Option(
            names = "--threshold-margin",
            description = "Threshold = margin x quantile (default: the job's).")
    Double thresholdMargin;

    @Option(
            names = "--cold-start-samples",
            description = "Samples before a model may alert (default: the job's).")
    Long coldStart;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: the job's).")
    Float learningRate;

    @Option(
            names = "--compression",
            description = "Parameter compression for averaging: none, fp16, int8.")
    String compression;

    @Option(
            names = "--average-every",
            defaultValue = "PT10S",
            description = "Averaging period T, in event time (default: ${DEFAULT-VALUE}).")
    Duration averageEvery;

    @Option(
            names = "--grace",
            defaultValue = "PT10S",
            description =
                    "An alert still matches an episode this long after its last event (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(
            names = "--deadline",
            defaultValue = "PT15M",
            description =
                    "For the timely F1: an alert must come this soon after the episode ended (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        DetectionEvaluation.Settings settings;
        try {
            settings = settings();
            if (replay == null && csv == null) {
                EvalInputs.checkSimulation(vehicles, hz, duration, anomalyRate);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fleet eval detection: " + e.getMessage());
            return 2;
        }
        LabelledFeatures data;
        try {
            if (replay != null) {
                data = EvalInputs.replay(replay);
            } else if (csv != null) {
                data = EvalInputs.csv(csv, labelColumn);
            } else {
                data = EvalInputs.simulate(vehicles, hz, duration, seed, anomalyRate);
            }
            if (save != null) {
                EvalInputs.save(data, save);
                System.out.println("recorded features and labels in " + save);
                if (recordOnly) {
                    return 0;
                }
            } else if (recordOnly) {
                System.err.println("fleet eval detection: --record-only needs --save DIR");
                return 2;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("fleet eval detection: " + e.getMessage());
            return 1;
        }
        if (data.vectors().isEmpty()) {
            System.err.println("fleet eval detection: no feature vectors to evaluate on");
            return 1;
        }
        List<DetectionEvaluation.Outcome> outcomes = DetectionEvaluation.run(data, settings);
        BenchReport report = DetectionEvaluation.report(data, settings, outcomes);
        report.print(System.out);
        System.out.println();
        System.out.print(DetectionEvaluation.summary(outcomes));
        if (json != null) {
            report.writeJson(json);
            System.out.println("wrote " + json);
        }
        return 0;
    }

    private DetectionEvaluation.Settings settings() {
        LearnerSettings.Builder b = LearnerSettings.defaults().toBuilder();
        ThresholdSettings t = ThresholdSettings.DEFAULTS;
        b.thresholds(
                new ThresholdSettings(
                        thresholdQuantile == null ? t.quantile() : thresholdQuantile,
                        thresholdMargin == null ? t.margin() : thresholdMargin,
                        t.window(),
                        t.minScores()));
        if (coldStart != null) {
            b.coldStartSamples(coldStart);
        }
        if (learningRate != null) {
            b.adam(AdamSettings.withLearningRate(learningRate));
        }
        if (compression != null) {
            b.compression(ParameterCompression.parse(compression));
        }
        b.reportEveryMs(averageEvery.toMillis());
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be >= 1");
        }
        return new DetectionEvaluation.Settings(
                b.build(),
                replicas,
                5_000,
                AlertSettings.DEFAULTS,
                grace.toMillis(),
                !noRcf && !rulesOnly,
                !rulesOnly,
                deadline.toMillis());
    }
}
