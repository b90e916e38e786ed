package io.fleetpulse.learner.servable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.replica.LocalLearner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServableModelTest {

    private static final LearnerSettings SETTINGS =
            LearnerSettings.defaults().withBatchSize(16).withReporting(Long.MAX_VALUE, 25);

    @Test
    void aPublishedSnapshotDecodedElsewhereScoresBitForBitAsTheLearnerDid() {
        SyntheticFeatures data = new SyntheticFeatures(4, 30);
        Map<String, byte[]> wire = new HashMap<>(); // model@version -> bytes, as on the topic
        try (LocalLearner learner =
                new LocalLearner(
                        SETTINGS,
                        2,
                        1_000,
                        0,
                        s -> wire.put(s.modelName() + "@" + s.version(), s.toBytes()))) {
            for (int i = 0; i < 4_000; i++) {
                learner.process(data.next(), i);
            }
            int checked = 0;
            for (int i = 0; i < 300; i++) {
                FeatureVector v = data.next();
                ScoredWindow w = learner.process(v, 5_000 + i);
                for (int m = 0; m < w.models.length; m++) {
                    ServableModel served =
                            ServableModel.of(
                                    ModelSnapshot.fromBytes(
                                            wire.get(w.models[m] + "@" + w.versions[m])));
                    assertThat(served.score(v).score()).isEqualTo(w.scores[m]);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(900);
        }
    }

    @Test
    void regressorsPredictTheirTargetFromInputsAlone() {
        SyntheticFeatures data = new SyntheticFeatures(5, 30);
        Map<String, ModelSnapshot> latest = new HashMap<>();
        try (LocalLearner learner =
                new LocalLearner(SETTINGS, 1, 1_000, 0, s -> latest.put(s.modelName(), s))) {
            for (int i = 0; i < 8_000; i++) {
                learner.process(data.next(), i);
            }
        }
        ServableModel fuel = ServableModel.of(latest.get("fuel-rate"));
        double absError = 0;
        double spread = 0;
        for (int i = 0; i < 500; i++) {
            FeatureVector v = data.next();
            double[] inputs = FeatureColumns.read(v, fuel.inputs());
            ModelScore s = fuel.score(v);
            assertThat(fuel.predict(inputs)).isEqualTo(s.predicted());
            assertThat(s.actual()).isEqualTo(v.getFuelRateMean());
            absError += Math.abs(s.predicted() - s.actual());
            spread +=
                    Math.abs(
                            v.getFuelRateMean()
                                    - fuel.snapshot().standardizer().mean(inputs.length));
        }
        // Far better than predicting the mean: the physics was learned.
        assertThat(absError).isLessThan(0.35 * spread);

        List<Contribution> why = fuel.explain(FeatureColumns.read(data.next(), fuel.columns()), 3);
        assertThat(why).hasSize(3);
        assertThat(why.get(0).feature()).isEqualTo("fuelRateMean");
        assertThat(why.subList(1, 3))
                .extracting(Contribution::feature)
                .containsAnyOf(
                        "speedMean",
                        "engineLoadMean",
                        "throttleMean",
                        "distanceKmPerHour",
                        "engineRpmMean",
                        "engineLoadMax",
                        "engineLoadMin",
                        "speedMax",
                        "speedMin",
                        "throttleMax",
                        "throttleMin",
                        "engineRpmMax",
                        "engineRpmMin");
    }

    @Test
    void refusesSnapshotsThatDoNotFitWithAReason() {
        OnlineStandardizer stats = new OnlineStandardizer(List.of("a", "b"));
        stats.update(new double[] {1, 2});
        ModelSnapshot unknown = ModelSnapshot.builder("mystery", 1).setStandardizer(stats).build();
        assertThatThrownBy(() -> ServableModel.of(unknown)).hasMessageContaining("unknown model");

        ModelSnapshot wrongColumns =
                ModelSnapshot.builder("anomaly-ae", 1).setStandardizer(stats).build();
        assertThatThrownBy(() -> ServableModel.of(wrongColumns))
                .hasMessageContaining("was trained on columns");

        OnlineStandardizer empty = new OnlineStandardizer(ModelKind.ANOMALY.standardizedColumns());
        ModelSnapshot.Builder b = ModelSnapshot.builder("anomaly-ae", 1).setStandardizer(empty);
        ModelKind.ANOMALY.networkSpec().initialParameters(1).forEach(b::addParameter);
        assertThatThrownBy(() -> ServableModel.of(b.build())).hasMessageContaining("no statistics");

        OnlineStandardizer seen = new OnlineStandardizer(ModelKind.ANOMALY.standardizedColumns());
        seen.update(new double[seen.dimension()]);
        ModelSnapshot.Builder noParams =
                ModelSnapshot.builder("anomaly-ae", 1).setStandardizer(seen);
        assertThatThrownBy(() -> ServableModel.of(noParams.build()))
                .hasMessageContaining("expected 8 tensors");
    }
}
