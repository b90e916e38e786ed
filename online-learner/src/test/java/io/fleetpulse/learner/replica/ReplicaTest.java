package io.fleetpulse.learner.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.ThresholdSettings;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaTest {

    private static final LearnerSettings SETTINGS =
            LearnerSettings.defaults()
                    .withBatchSize(16)
                    .withReporting(Long.MAX_VALUE, 20)
                    .withColdStart(1_000)
                    .withThresholds(new ThresholdSettings(0.995, 1.5, 1_000, 300));

    private static List<Finding> modelFindings(ScoredWindow w) {
        return Arrays.stream(w.findings).filter(f -> Finding.MODEL.equals(f.source)).toList();
    }

    @Test
    void noModelAlertsInColdStartThenAnInjectedAnomalyIsFlaggedAndExplained() {
        SyntheticFeatures data = new SyntheticFeatures(2, 50);
        List<ModelSnapshot> published = new ArrayList<>();
        try (LocalLearner learner = new LocalLearner(SETTINGS, 1, 1_000, 0, published::add)) {
            long coldModelFindings = 0;
            for (int i = 0; i < 6_000; i++) {
                ScoredWindow w = learner.process(data.next(), i);
                boolean cold = published.isEmpty() || published.get(0).sampleCount() < 1_000;
                if (published.stream()
                        .filter(s -> s.modelName().equals("anomaly-ae"))
                        .allMatch(s -> s.sampleCount() < 1_000)) {
                    coldModelFindings += modelFindings(w).size();
                    assertThat(w.thresholds[0]).isNaN();
                }
            }
            assertThat(coldModelFindings).isZero();
            assertThat(published).isNotEmpty();
            Replica replica = learner.replicas().get(0);
            assertThat(replica.version(ModelKind.ANOMALY)).isGreaterThan(5);

            ScoredWindow racing =
                    learner.process(SyntheticFeatures.racingEngine(data.next()), 10_000);
            List<Finding> found = modelFindings(racing);
            assertThat(found).extracting(f -> f.kind).contains("MODEL_ANOMALY");
            Finding ae =
                    found.stream().filter(f -> f.kind.equals("MODEL_ANOMALY")).findFirst().get();
            assertThat(ae.modelVersion).isEqualTo(replica.version(ModelKind.ANOMALY));
            assertThat(ae.features).hasSize(3);
            assertThat(ae.features[0]).matches("engineRpm(Mean|Min|Max)|oilPressure(Mean|Min|Max)");
            assertThat(ae.score).isGreaterThan(ae.threshold);

            ScoredWindow hot =
                    learner.process(SyntheticFeatures.overheating(data.next(), 118), 10_001);
            assertThat(hot.findings)
                    .extracting(f -> f.kind)
                    .contains(PhysicalRules.ENGINE_OVERHEATING, "MODEL_ANOMALY");
            Finding aeHot =
                    Arrays.stream(hot.findings)
                            .filter(f -> f.kind.equals("MODEL_ANOMALY"))
                            .findFirst()
                            .get();
            assertThat(aeHot.features).allMatch(f -> f.startsWith("coolant"));
            Finding rule =
                    Arrays.stream(hot.findings)
                            .filter(f -> f.kind.equals(PhysicalRules.ENGINE_OVERHEATING))
                            .findFirst()
                            .get();
            assertThat(rule.features[0]).isEqualTo("coolantTempMax");
            assertThat(rule.severity).isEqualTo("CRITICAL");

            // Normal windows stay mostly quiet.
            int noisy = 0;
            for (int i = 0; i < 1_000; i++) {
                noisy += modelFindings(learner.process(data.next(), 20_000 + i)).isEmpty() ? 0 : 1;
            }
            assertThat(noisy).isLessThan(20);
        }
    }

    @Test
    void theFirstVersionsScoreNormalWindowsOnTheScaleOfLaterOnes() {
        // Replicas report before they have scored anything: the error scale they send then must
        // not make the first versions' scores (and the thresholds learned from them) explode.
        SyntheticFeatures data = new SyntheticFeatures(5, 20);
        try (LocalLearner learner = new LocalLearner(SETTINGS, 2, 1_000, 0, s -> {})) {
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < 6_000; i++) {
                double ae = learner.process(data.next(), i).scores[0];
                if (!Double.isNaN(ae)) {
                    scores.add(ae);
                }
            }
            assertThat(scores).hasSizeGreaterThan(1_000);
            double early = median(scores.subList(0, 300));
            double late = median(scores.subList(scores.size() - 300, scores.size()));
            assertThat(early).as("median score of the first versions").isLessThan(10 * late);
        }
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void aRestoredReplicaPredictsExactlyAsTheOriginal() {
        SyntheticFeatures data = new SyntheticFeatures(3, 20);
        try (LocalLearner learner = new LocalLearner(SETTINGS, 1, 1_000, 0, s -> {});
                Replica copy = new Replica(SETTINGS, 0, 1, 0)) {
            for (int i = 0; i < 2_000; i++) {
                learner.process(data.next(), i);
            }
            Replica original = learner.replicas().get(0);
            byte[] state = original.state();
            copy.restore(state);

            assertThat(Replica.indexOf(state)).isZero();
            for (ModelKind kind : ModelKind.values()) {
                assertThat(copy.parameters(kind)).isEqualTo(original.parameters(kind));
                assertThat(copy.version(kind)).isEqualTo(original.version(kind));
            }
            for (int i = 0; i < 200; i++) {
                FeatureVector v = data.next();
                ScoredWindow a = original.process(v);
                ScoredWindow b = copy.process(v);
                assertThat(b.scores).containsExactly(a.scores);
                assertThat(b.thresholds).containsExactly(a.thresholds);
                assertThat(b.versions).containsExactly(a.versions);
            }
            // Training continued identically (same optimiser state, same buffered rows).
            for (ModelKind kind : ModelKind.values()) {
                assertThat(copy.parameters(kind)).isEqualTo(original.parameters(kind));
            }
        }
    }
}
