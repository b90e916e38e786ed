package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Simulated telemetry with ground truth, turned into features by FeatureJob. The simulator is
 * deterministic, so it runs twice: once to collect the labels and count the events, once to feed
 * the job.
 */
final class SimulatedRun {

    private SimulatedRun() {}

    static LabelledFeatures features(SimulationConfig config, long durationMs) throws Exception {
        List<AnomalyLabel> labels = new ArrayList<>();
        FleetSimulator counting = new FleetSimulator(config, labels::add);
        long end = config.startEpochMs() + durationMs;
        TelemetryEvent scratch = new TelemetryEvent();
        long count = 0;
        while (counting.eventTimeMs(counting.next(scratch)) < end) {
            count++;
        }
        counting.finish();
        List<AnomalyLabel> visible = labels.stream().filter(l -> l.getStartTime() < end).toList();
        FeatureJobRunner.Counts[] counts = new FeatureJobRunner.Counts[1];
        List<FeatureVector> vectors =
                FeatureJobRunner.features(events(config, count), count, counts);
        return new LabelledFeatures(
                vectors,
                visible,
                String.format(
                        java.util.Locale.ROOT,
                        "simulator: %d vehicles, %.2f Hz each, %.1f h, seed %d, %.2f anomalies"
                                + " per vehicle-hour; FeatureJob: %d events -> %d vectors"
                                + " (%d dead letters, %d late)",
                        config.vehicles(),
                        config.eventsPerSecond() / config.vehicles(),
                        durationMs / 3.6e6,
                        config.seed(),
                        config.anomalies().perVehicleHour(),
                        counts[0].events(),
                        counts[0].features(),
                        counts[0].deadLetters(),
                        counts[0].late()));
    }

    /** The first {@code count} events of a fresh simulator with {@code config}. */
    static Iterator<TelemetryEvent> events(SimulationConfig config, long count) {
        FleetSimulator sim = new FleetSimulator(config, l -> {});
        return new Iterator<>() {
            long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public TelemetryEvent next() {
                if (left-- <= 0) {
                    throw new NoSuchElementException();
                }
                TelemetryEvent e = new TelemetryEvent();
                sim.next(e);
                return e;
            }
        };
    }
}
