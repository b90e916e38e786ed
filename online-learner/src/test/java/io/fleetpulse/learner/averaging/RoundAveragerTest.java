package io.fleetpulse.learner.averaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoundAveragerTest {

    private static final String MODEL = "anomaly-ae";
    private static final long TIMEOUT = 5_000;

    private static ReplicaReport report(int replica, int parallelism, long samples, float value) {
        return report(replica, parallelism, samples, value, 0);
    }

    private static ReplicaReport report(
            int replica, int parallelism, long samples, float value, long baseVersion) {
        OnlineStandardizer stats = new OnlineStandardizer(List.of("x"));
        for (int i = 0; i < samples; i++) {
            stats.update(new double[] {value});
        }
        return new ReplicaReport(
                MODEL,
                replica,
                parallelism,
                1,
                baseVersion,
                samples,
                samples / 2,
                0.5,
                stats,
                List.of(new NamedTensor("w", new long[] {2}, new float[] {value, -value})),
                0);
    }

    @Test
    void aRoundClosesWhenEveryReplicaReportedWithTheWeightedMean() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);

        assertThat(a.offer(report(0, 3, 100, 1f), 10)).isEmpty();
        assertThat(a.offer(report(2, 3, 300, 5f), 20)).isEmpty();
        ModelSnapshot s = a.offer(report(1, 3, 0, 99f), 30).orElseThrow();

        // Replica 1 trained on nothing: it weighs nothing and is not among the included.
        assertThat(s.parameter("w").toArray()).containsExactly(4f, -4f);
        assertThat(s.replicas()).containsExactly(0, 2);
        assertThat(s.sampleCount()).isEqualTo(400);
        assertThat(s.standardizer().count()).isEqualTo(400);
        assertThat(s.standardizer().mean(0)).isEqualTo(4.0);
        assertThat(s.metrics().get(RoundAverager.ROUND_REPORTED)).isEqualTo(3.0);
        assertThat(s.metrics().get(RoundAverager.ROUND_TIMED_OUT)).isEqualTo(0.0);
        assertThat(s.metrics().get(RoundAverager.ROUND_MILLIS)).isEqualTo(20.0);
        assertThat(s.version()).isEqualTo(1);
        assertThat(a.pending()).isZero();
    }

    @Test
    void aRoundRecordsTheOldestVersionItsTrainedReplicasHadAdopted() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);
        a.offer(report(0, 3, 10, 1f, 5), 0);
        a.offer(report(1, 3, 10, 1f, 3), 0);
        ModelSnapshot s = a.offer(report(2, 3, 0, 1f, 1), 0).orElseThrow();

        // Replica 2 trained on nothing since its last report: its base is not in this average.
        assertThat(s.metrics().get(RoundAverager.ROUND_OLDEST_BASE)).isEqualTo(3.0);
    }

    @Test
    void aStragglerDoesNotHoldARoundPastItsTimeout() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);
        assertThat(a.offer(report(0, 2, 10, 2f), 1_000)).isEmpty();

        assertThat(a.onTime(1_000 + TIMEOUT - 1)).isEmpty();
        assertThat(a.deadline()).isEqualTo(1_000 + TIMEOUT);
        ModelSnapshot s = a.onTime(1_000 + TIMEOUT).orElseThrow();

        assertThat(s.replicas()).containsExactly(0);
        assertThat(s.parameter("w").toArray()).containsExactly(2f, -2f);
        assertThat(s.metrics().get(RoundAverager.ROUND_TIMED_OUT)).isEqualTo(1.0);
        assertThat(s.metrics().get(RoundAverager.ROUND_EXPECTED)).isEqualTo(2.0);
        // The straggler's late report opens the next round instead of reviving the old one.
        assertThat(a.offer(report(1, 2, 10, 6f), 7_000)).isEmpty();
        assertThat(a.pending()).isEqualTo(1);
        assertThat(a.onTime(Long.MAX_VALUE).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void twoReportsOfOneReplicaInOneRoundCountOnce() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);
        a.offer(report(0, 2, 10, 1f), 0);
        a.offer(report(0, 2, 30, 3f), 1);
        ModelSnapshot s = a.offer(report(1, 2, 40, 1f), 2).orElseThrow();

        // Replica 0: its newest parameters (3) with all 40 of its samples; replica 1: 1 with 40.
        assertThat(s.parameter("w").toArray()).containsExactly(2f, -2f);
        assertThat(s.sampleCount()).isEqualTo(80);
        assertThat(s.standardizer().count()).isEqualTo(80);
    }

    @Test
    void versionsOnlyGrowAlsoAcrossRestartsAndReadBack() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);
        long last = 0;
        for (int round = 0; round < 5; round++) {
            a.offer(report(0, 2, 10, round), round * 10L);
            ModelSnapshot s = a.offer(report(1, 2, 10, round), round * 10L + 1).orElseThrow();
            assertThat(s.version()).isGreaterThan(last);
            assertThat(s.round()).isEqualTo(round + 1);
            last = s.version();
        }
        a.offer(report(0, 2, 10, 7f), 100);

        RoundAverager restored = RoundAverager.fromBytes(MODEL, TIMEOUT, a.toBytes());
        assertThat(restored.version()).isEqualTo(5);
        assertThat(restored.pending()).isEqualTo(1);
        assertThat(restored.offer(report(1, 2, 10, 7f), 101).orElseThrow().version()).isEqualTo(6);

        // A fresh averager (no checkpoint) continues after what it reads back from the topic.
        RoundAverager fresh = new RoundAverager(MODEL, TIMEOUT);
        fresh.observe(restored.latest().orElseThrow());
        fresh.observe(a.latest().orElseThrow()); // older: ignored
        assertThat(fresh.version()).isEqualTo(6);
        fresh.offer(report(0, 1, 10, 1f), 200).ifPresent(s -> assertThat(s.version()).isEqualTo(7));
        assertThat(fresh.latest().orElseThrow().version()).isEqualTo(7);
        assertThat(fresh.latest().orElseThrow().sampleCount()).isEqualTo(130);
    }

    @Test
    void aRoundWithoutTrainingPublishesNothing() {
        RoundAverager a = new RoundAverager(MODEL, TIMEOUT);
        assertThat(a.offer(report(0, 1, 0, 1f), 0)).isEqualTo(Optional.empty());
        assertThat(a.version()).isZero();
        assertThatThrownBy(
                        () ->
                                a.offer(
                                        new ReplicaReport(
                                                "fuel-rate",
                                                0,
                                                1,
                                                1,
                                                0,
                                                1,
                                                1,
                                                0,
                                                new OnlineStandardizer(List.of("x")),
                                                List.of(),
                                                0),
                                        0))
                .hasMessageContaining("sent to the averager of anomaly-ae");
    }

    @Test
    void reportsRoundTripThroughTheirBytes() {
        ReplicaReport r = report(1, 2, 7, 0.25f);
        ReplicaReport back = ReplicaReport.fromBytes(r.toBytes(ParameterCompression.NONE));
        assertThat(back.parameters()).isEqualTo(r.parameters());
        assertThat(back.statsDelta()).isEqualTo(r.statsDelta());
        assertThat(back.samples()).isEqualTo(7);
        assertThat(back.replica()).isEqualTo(1);
        byte[] bytes = r.toBytes(ParameterCompression.FP16);
        assertThat(ReplicaReport.fromBytes(bytes).parameters().get(0).toArray())
                .containsExactly(0.25f, -0.25f);
        assertThat(bytes.length).isLessThan(r.toBytes(ParameterCompression.NONE).length);
        assertThatThrownBy(() -> ReplicaReport.fromBytes(new byte[] {1, 2, 3}))
                .hasMessageContaining("replica report");
    }
}
