package io.fleetpulse.learner.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.averaging.RoundAverager;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The learner operator under Flink's test harness: reports, adoption, checkpoint and rescale. */
class LearnerOperatorTest {

    private static final int MAX_PARALLELISM = 128;
    private static final LearnerSettings SETTINGS =
            LearnerSettings.defaults()
                    .withBatchSize(16)
                    .withReporting(2_000, 1_000)
                    .withColdStart(0);

    private static TwoInputStreamOperatorTestHarness<FeatureVector, SnapshotRecord, ScoredWindow>
            harness(int parallelism, int index, OperatorSubtaskState restoreFrom) throws Exception {
        var h =
                new TwoInputStreamOperatorTestHarness<>(
                        new LearnerOperator(SETTINGS), MAX_PARALLELISM, parallelism, index);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    private static List<ReplicaReport> reports(
            TwoInputStreamOperatorTestHarness<FeatureVector, SnapshotRecord, ScoredWindow> h) {
        List<ReplicaReport> out = new ArrayList<>();
        var side = h.getSideOutput(LearnerOperator.REPORTS);
        if (side != null) { // null until something was emitted
            for (StreamRecord<ReportEnvelope> r : side) {
                out.add(r.getValue().report());
            }
            side.clear();
        }
        return out;
    }

    @Test
    void reportsEveryPeriodAdoptsBroadcastVersionsAndSurvivesARestoreWithAnotherParallelism()
            throws Exception {
        SyntheticFeatures data = new SyntheticFeatures(7, 20);
        var h0 = harness(2, 0, null);
        var h1 = harness(2, 1, null);
        h0.setProcessingTime(0);
        h1.setProcessingTime(0);
        for (int i = 0; i < 400; i++) {
            (i % 2 == 0 ? h0 : h1).processElement1(data.next(), i);
        }
        assertThat(h0.extractOutputValues()).hasSize(200);
        assertThat(reports(h0)).isEmpty(); // T has not passed yet

        h0.setProcessingTime(2_500); // the report timer fires
        h1.setProcessingTime(2_500);
        List<ReplicaReport> r0 = reports(h0);
        List<ReplicaReport> r1 = reports(h1);
        assertThat(r0).hasSize(3).allMatch(r -> r.replica() == 0 && r.parallelism() == 2);
        assertThat(r1).hasSize(3).allMatch(r -> r.replica() == 1);

        // The averager's snapshots come back as the broadcast input and are adopted.
        for (int m = 0; m < 3; m++) {
            RoundAverager a = new RoundAverager(r0.get(m).modelName(), 10_000);
            a.offer(r0.get(m), 3_000);
            ModelSnapshot s = a.offer(r1.get(m), 3_000).orElseThrow();
            h0.processElement2(SnapshotRecord.of(s), 0);
            h1.processElement2(SnapshotRecord.of(s), 0);
        }
        h0.processElement2(new SnapshotRecord("anomaly-ae", 9, new byte[] {1, 2, 3}), 0); // junk
        FeatureVector probe = data.next();
        h0.processElement1(probe, 0);
        h1.processElement1(probe, 0);
        ScoredWindow s0 = last(h0);
        ScoredWindow s1 = last(h1);
        assertThat(s0.versions).containsExactly(1, 1, 1);
        assertThat(s0.scores).containsExactly(s1.scores);

        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? h0 : h1).processElement1(data.next(), 0);
        }
        OperatorSubtaskState saved =
                AbstractStreamOperatorTestHarness.repackageState(
                        h0.snapshot(1, 1), h1.snapshot(1, 1));
        FeatureVector next = data.next();
        h0.processElement1(next, 0);
        h1.processElement1(next, 0);
        ScoredWindow before0 = last(h0);
        ScoredWindow before1 = last(h1);
        h0.close();
        h1.close();

        // Rescaled to 1: the single replica resumes as replica 0 did.
        var one =
                harness(
                        1,
                        0,
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                saved, MAX_PARALLELISM, 2, 1, 0));
        one.processElement1(next, 0);
        assertThat(last(one).scores).containsExactly(before0.scores);
        assertThat(last(one).versions).containsExactly(1, 1, 1);
        one.close();

        // Rescaled to 3: replicas 0 and 1 resume as themselves, replica 2 from replica 0.
        for (int index = 0; index < 3; index++) {
            var h =
                    harness(
                            3,
                            index,
                            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                    saved, MAX_PARALLELISM, 2, 3, index));
            h.processElement1(next, 0);
            ScoredWindow expected = index == 1 ? before1 : before0;
            assertThat(last(h).scores).containsExactly(expected.scores);
            h.setProcessingTime(10_000);
            assertThat(reports(h)).allMatch(r -> r.parallelism() == 3);
            h.close();
        }
        assertThat(ModelKind.values()).hasSize(3);
    }

    private static ScoredWindow last(
            TwoInputStreamOperatorTestHarness<FeatureVector, SnapshotRecord, ScoredWindow> h) {
        List<ScoredWindow> all = h.extractOutputValues();
        return all.get(all.size() - 1);
    }
}
