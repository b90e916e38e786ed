package io.fleetpulse.learner.eval;

import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Where an evaluation's labelled features come from: the simulator, a labelled CSV, a recording.
 */
public final class EvalInputs {

    private static final long HOUR_MS = 3_600_000;

    private EvalInputs() {}

    /** Checks simulator settings, naming the bad one. */
    public static void checkSimulation(int vehicles, double hz, Duration duration, double rate) {
        if (vehicles < 1) {
            throw new IllegalArgumentException("--vehicles must be >= 1");
        }
        if (!(hz > 0)) {
            throw new IllegalArgumentException("--hz must be > 0");
        }
        if (duration.isNegative() || duration.toSeconds() < 60) {
            throw new IllegalArgumentException("--duration must be at least a minute");
        }
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("--anomaly-rate must be >= 0");
        }
    }

    /**
     * Simulates {@code vehicles} for {@code duration} (ending a minute ago, starting on the hour)
     * with every anomaly kind at {@code anomaliesPerVehicleHour}, through FeatureJob.
     */
    public static LabelledFeatures simulate(
            int vehicles, double hz, Duration duration, long seed, double anomaliesPerVehicleHour)
            throws Exception {
        long start =
                Math.floorDiv(System.currentTimeMillis() - duration.toMillis() - HOUR_MS, HOUR_MS)
                        * HOUR_MS;
        SimulationConfig config =
                SimulationConfig.defaults(start)
                        .withVehicles(vehicles, vehicles * hz)
                        .withSeed(seed)
                        .withAnomalies(
                                new AnomalyConfig(
                                        anomaliesPerVehicleHour,
                                        EnumSet.allOf(
                                                io.fleetpulse.loadgen.anomaly.AnomalyKind.class)));
        return SimulatedRun.features(config, duration.toMillis());
    }

    /** A labelled telemetry CSV through FeatureJob. */
    public static LabelledFeatures csv(Path file, String labelColumn) throws Exception {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        return LabelledCsv.features(file, labelColumn);
    }

    /** Features recorded by {@link #save}. */
    public static LabelledFeatures replay(Path dir) throws IOException {
        return FeatureArchive.load(dir);
    }

    public static void save(LabelledFeatures data, Path dir) throws IOException {
        FeatureArchive.save(data, dir);
    }
}
