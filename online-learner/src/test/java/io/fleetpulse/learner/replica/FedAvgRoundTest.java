package io.fleetpulse.learner.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.averaging.RoundAverager;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import io.fleetpulse.learner.servable.ServableModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real replicas (DJL training) and the averager: one FedAvg round, end to end. */
class FedAvgRoundTest {

    private static final LearnerSettings SETTINGS =
            LearnerSettings.defaults().withBatchSize(16).withReporting(Long.MAX_VALUE, 1_000_000);

    @Test
    void afterARoundEveryReplicaHoldsTheSampleWeightedMeanOfTheirParameters() {
        SyntheticFeatures data = new SyntheticFeatures(1, 20);
        List<FeatureVector> all = new ArrayList<>();
        try (Replica r0 = new Replica(SETTINGS, 0, 2, 0);
                Replica r1 = new Replica(SETTINGS, 1, 2, 0)) {
            for (int i = 0; i < 600; i++) {
                FeatureVector v = data.next();
                all.add(v);
                (i % 3 == 0 ? r1 : r0).process(v); // r0 sees twice as much as r1
            }
            List<ReplicaReport> reports0 = r0.reports(1);
            List<ReplicaReport> reports1 = r1.reports(1);

            for (ModelKind kind : ModelKind.values()) {
                ReplicaReport a = reports0.get(kind.ordinal());
                ReplicaReport b = reports1.get(kind.ordinal());
                assertThat(a.samples()).isEqualTo(400);
                assertThat(b.samples()).isEqualTo(192); // 200 rows, whole batches of 16 trained
                assertThat(a.parameters()).isNotEqualTo(b.parameters());

                RoundAverager averager = new RoundAverager(kind.modelName(), 60_000);
                assertThat(averager.offer(a, 2)).isEmpty();
                ModelSnapshot s = averager.offer(b, 3).orElseThrow();

                for (int t = 0; t < s.parameters().size(); t++) {
                    NamedTensor pa = a.parameters().get(t);
                    NamedTensor pb = b.parameters().get(t);
                    NamedTensor avg = s.parameters().get(t);
                    for (int i = 0; i < avg.size(); i++) {
                        double expected = (400.0 * pa.get(i) + 192.0 * pb.get(i)) / (400.0 + 192.0);
                        assertThat((double) avg.get(i)).isCloseTo(expected, within(1e-6));
                    }
                }
                // Statistics: exactly those of every row either replica saw.
                OnlineStandardizer everything = new OnlineStandardizer(kind.standardizedColumns());
                all.forEach(
                        v -> everything.update(FeatureColumns.read(v, kind.standardizedColumns())));
                assertThat(s.standardizer().count()).isEqualTo(600);
                for (int f = 0; f < everything.dimension(); f++) {
                    assertThat(s.standardizer().mean(f))
                            .isCloseTo(
                                    everything.mean(f),
                                    within(1e-9 * (1 + Math.abs(everything.mean(f)))));
                }

                assertThat(r0.adopt(s)).isTrue();
                assertThat(r1.adopt(s)).isTrue();
                assertThat(r0.adopt(s)).isFalse(); // same version again: ignored
                List<NamedTensor> network = ServableModel.networkTensors(s.parameters());
                assertThat(r0.parameters(kind)).isEqualTo(network);
                assertThat(r1.parameters(kind)).isEqualTo(network);
                assertThat(r0.version(kind)).isEqualTo(1);
            }
            // Both now score with the same version: the same window gets the same scores.
            FeatureVector probe = data.next();
            assertThat(r0.process(probe).scores).containsExactly(r1.process(probe).scores);
        }
    }
}
