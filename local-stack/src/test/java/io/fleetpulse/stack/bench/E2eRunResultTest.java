package io.fleetpulse.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * What counts as sustained: processed keeps up and lag does not grow; warm-up does not count; rates
 * are over time, not per sample.
 */
class E2eRunResultTest {

    private static E2eRun.Result result(int rate, double processed, long lagGrowthPerSecond) {
        List<E2eSample> samples = new ArrayList<>();
        for (int s = 1; s <= 30; s++) {
            boolean measured = s > 10;
            samples.add(
                    new E2eSample(
                            s,
                            measured,
                            rate,
                            measured ? processed : 0,
                            Map.of("feature-job", 5_000 + lagGrowthPerSecond * s, "learner", 10L),
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            -1,
                            Map.of()));
        }
        Histogram empty = new Histogram(3);
        return new E2eRun.Result(rate, samples, empty, empty, empty, empty, Map.of(), 0.1, null);
    }

    @Test
    void keepingUpWithFlatLagIsSustained() {
        E2eRun.Result r = result(50_000, 49_800, 0);
        assertThat(r.offered()).isEqualTo(50_000);
        assertThat(r.processed()).isEqualTo(49_800);
        assertThat(r.lagSlope()).isZero();
        assertThat(r.maxLag()).isEqualTo(5_010);
        assertThat(r.sustained()).isTrue();
    }

    @Test
    void aGrowingBacklogOrFallingBehindIsNot() {
        E2eRun.Result growing = result(50_000, 49_800, 5_000);
        assertThat(growing.lagSlope()).isCloseTo(5_000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(growing.sustained()).isFalse();
        assertThat(result(50_000, 40_000, 0).sustained()).isFalse();
    }

    @Test
    void ratesAreWeightedByTheTimeEachSampleCovers() {
        // 10 s measured: 9 s with nothing readable and a checkpoint's burst of 90,000 events read
        // in a sample 0.1 s after the one before: 9,000/s over the 10 s. A plain mean of the 11
        // samples' rates would say 81,818/s.
        List<E2eSample> samples = new ArrayList<>();
        samples.add(sample(0, false, 0));
        for (int s = 1; s <= 9; s++) {
            samples.add(sample(s, true, 0));
        }
        samples.add(sample(9.1, true, 900_000)); // 90,000 events in 0.1 s
        samples.add(sample(10, true, 0));
        Histogram empty = new Histogram(3);
        E2eRun.Result r =
                new E2eRun.Result(10_000, samples, empty, empty, empty, empty, Map.of(), 0.1, null);
        assertThat(r.processed()).isCloseTo(9_000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.offered()).isCloseTo(10_000, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static E2eSample sample(double seconds, boolean measured, double processed) {
        return new E2eSample(
                seconds,
                measured,
                10_000,
                processed,
                Map.of(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                Map.of());
    }
}
