package io.fleetpulse.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What counts as sustained: processed keeps up and lag does not grow; warm-up does not count. */
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
}
