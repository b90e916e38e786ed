package io.fleetpulse.learner.bench;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.replica.LocalLearner;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.ServableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What compressing the replicas' reports saves and costs. For each encoding, two replicas learn the
 * same stream averaging through reports in that encoding; per model the row gives a report's size,
 * the share of bytes saved, the largest parameter error one encoding of the final model makes, and
 * the model's mean score on held-out normal vectors afterwards (reconstruction error or residual:
 * lower is a better fit, so a rise over {@code none} is the accuracy given up).
 */
final class CompressionBench {

    private static final int TRAIN_VECTORS = 8_000;
    private static final int PROBE_VECTORS = 2_000;

    private final LearnerSettings settings;
    private final int vehicles;

    CompressionBench(LearnerSettings settings, int vehicles) {
        this.settings = settings;
        this.vehicles = vehicles;
    }

    void addTo(BenchReport out) {
        List<FeatureVector> probe = new ArrayList<>();
        SyntheticFeatures held = new SyntheticFeatures(99, vehicles);
        for (int i = 0; i < PROBE_VECTORS; i++) {
            probe.add(held.next());
        }
        for (ParameterCompression c : ParameterCompression.values()) {
            ModelSnapshot[] latest = train(settings.withCompression(c));
            for (ModelKind kind : ModelKind.values()) {
                ModelSnapshot s = latest[kind.ordinal()];
                ReplicaReport sent =
                        new ReplicaReport(
                                kind.modelName(),
                                0,
                                2,
                                1,
                                s.version(),
                                s.sampleCount(),
                                0,
                                Double.NaN,
                                s.standardizer(),
                                s.parameters(),
                                0);
                int full = sent.toBytes(ParameterCompression.NONE).length;
                byte[] bytes = sent.toBytes(c);
                List<NamedTensor> decoded = ReplicaReport.fromBytes(bytes).parameters();
                double maxError = 0;
                for (int t = 0; t < decoded.size(); t++) {
                    NamedTensor a = s.parameters().get(t);
                    NamedTensor b = decoded.get(t);
                    for (int i = 0; i < a.size(); i++) {
                        maxError = Math.max(maxError, Math.abs(a.get(i) - b.get(i)));
                    }
                }
                ServableModel model = ServableModel.of(s);
                double score = 0;
                for (FeatureVector v : probe) {
                    score += model.score(v).score();
                }
                out.row("report " + kind.modelName() + " " + c.name().toLowerCase())
                        .put("bytes", bytes.length)
                        .put("saved", 1 - (double) bytes.length / full)
                        .put("max param error", maxError)
                        .put("mean probe score", score / probe.size());
            }
        }
    }

    private ModelSnapshot[] train(LearnerSettings s) {
        ModelSnapshot[] latest = new ModelSnapshot[ModelKind.values().length];
        SyntheticFeatures data = new SyntheticFeatures(5, vehicles);
        try (LocalLearner learner =
                new LocalLearner(
                        s,
                        2,
                        5_000,
                        0,
                        snap ->
                                latest[ModelKind.forModelName(snap.modelName()).get().ordinal()] =
                                        snap)) {
            for (int i = 0; i < TRAIN_VECTORS; i++) {
                learner.process(data.next(), i);
            }
            learner.flush(TRAIN_VECTORS);
        }
        return latest;
    }
}
