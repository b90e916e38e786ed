package io.fleetpulse.serving.models;

import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Snapshots whose every part encodes their version, so a test can tell a torn one. */
final class Snapshots {

    static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    static final int WEIGHTS = 64;

    private Snapshots() {}

    static ModelSnapshot of(String model, long version) {
        OnlineStandardizer stats = new OnlineStandardizer(List.of("x", "y"));
        for (long i = 0; i < version % 7 + 1; i++) {
            stats.update(new double[] {version, -version});
        }
        float[] weights = new float[WEIGHTS];
        Arrays.fill(weights, version);
        return ModelSnapshot.builder(model, version)
                .optCreatedAt(CREATED.plusSeconds(version))
                .optRound(version)
                .optSampleCount(version * 10)
                .setStandardizer(stats)
                .addParameter(new NamedTensor("w", new long[] {8, 8}, weights))
                .putMetric("version", version)
                .build();
    }

    /** Whether every part of {@code s} belongs to the same version. */
    static boolean isWhole(ModelSnapshot s) {
        long v = s.version();
        NamedTensor w = s.parameter("w");
        for (int i = 0; i < w.size(); i++) {
            if (w.get(i) != v) {
                return false;
            }
        }
        return s.round() == v
                && s.sampleCount() == v * 10
                && s.metrics().get("version") == v
                && s.createdAt().equals(CREATED.plusSeconds(v))
                && s.standardizer().mean(0) == v;
    }
}
