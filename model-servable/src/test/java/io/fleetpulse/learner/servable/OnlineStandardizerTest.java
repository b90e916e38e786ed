package io.fleetpulse.learner.servable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OnlineStandardizerTest {

    private static final List<String> FEATURES = List.of("speedMean", "fuelRate", "coolantTrend");

    /** Absolute agreement demanded of means and variances. */
    private static final double TOLERANCE = 1e-9;

    /**
     * Relative slack on top, for the feature near 1e6: a double there is only precise to ~1e-10, so
     * summing thousands of samples in another order moves the last digits by a few 1e-9.
     */
    private static final double RELATIVE = 1e-12;

    private static Offset<Double> close(double expected) {
        return within(TOLERANCE + RELATIVE * Math.abs(expected));
    }

    /** Features on very different scales, one with a large offset and a small spread. */
    private static List<double[]> samples(int n, long seed) {
        Random random = new Random(seed);
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(
                    new double[] {
                        60 + 25 * random.nextGaussian(),
                        1e6 + 0.5 * random.nextGaussian(),
                        -0.01 + 0.002 * random.nextGaussian()
                    });
        }
        return out;
    }

    private static OnlineStandardizer fed(List<double[]> samples) {
        OnlineStandardizer s = new OnlineStandardizer(FEATURES);
        samples.forEach(s::update);
        return s;
    }

    private static void assertSameStatistics(
            OnlineStandardizer actual, OnlineStandardizer expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        for (int i = 0; i < FEATURES.size(); i++) {
            assertThat(actual.mean(i)).isCloseTo(expected.mean(i), close(expected.mean(i)));
            assertThat(actual.variance(i))
                    .isCloseTo(expected.variance(i), close(expected.variance(i)));
        }
    }

    @Test
    void learnsTheSameMeanAndVarianceAsTwoPasses() {
        List<double[]> data = samples(10_000, 1);
        OnlineStandardizer s = fed(data);

        for (int i = 0; i < FEATURES.size(); i++) {
            final int f = i;
            double mean = data.stream().mapToDouble(x -> x[f]).average().orElseThrow();
            double variance =
                    data.stream().mapToDouble(x -> (x[f] - mean) * (x[f] - mean)).sum()
                            / data.size();
            assertThat(s.mean(i)).isCloseTo(mean, close(mean));
            assertThat(s.variance(i)).isCloseTo(variance, close(variance));
        }
    }

    @Test
    void mergingTwoEqualsOneFedAllTheData() {
        List<double[]> data = samples(7_001, 2);
        OnlineStandardizer left = fed(data.subList(0, 1_234));
        OnlineStandardizer right = fed(data.subList(1_234, data.size()));

        left.merge(right);

        assertSameStatistics(left, fed(data));
    }

    @Test
    void mergingManyReplicasEqualsOneFedAllTheDataAndLeavesThePartsAlone() {
        List<double[]> data = samples(9_000, 3);
        List<OnlineStandardizer> replicas = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            replicas.add(new OnlineStandardizer(FEATURES));
        }
        Random route = new Random(4);
        data.forEach(x -> replicas.get(route.nextInt(4)).update(x));
        List<Long> countsBefore = replicas.stream().map(OnlineStandardizer::count).toList();

        OnlineStandardizer merged = OnlineStandardizer.merged(replicas);

        assertSameStatistics(merged, fed(data));
        assertThat(replicas.stream().map(OnlineStandardizer::count).toList())
                .isEqualTo(countsBefore);
    }

    @Test
    void mergingWithAnEmptyStandardizerChangesNothingEitherWay() {
        OnlineStandardizer full = fed(samples(100, 5));
        OnlineStandardizer empty = new OnlineStandardizer(FEATURES);

        OnlineStandardizer a = full.copy();
        a.merge(empty);
        empty.merge(full);

        assertThat(a).isEqualTo(full);
        assertSameStatistics(empty, full);
    }

    @Test
    void standardizedTrainingDataHasMeanZeroAndStdOne() {
        List<double[]> data = samples(5_000, 6);
        OnlineStandardizer s = fed(data);

        List<double[]> z = data.stream().map(s::standardize).toList();

        for (int i = 0; i < FEATURES.size(); i++) {
            final int f = i;
            double mean = z.stream().mapToDouble(x -> x[f]).average().orElseThrow();
            double variance =
                    z.stream().mapToDouble(x -> (x[f] - mean) * (x[f] - mean)).sum() / z.size();
            assertThat(mean).isCloseTo(0, within(1e-9));
            assertThat(Math.sqrt(variance)).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void aConstantFeatureIsDividedByTheFloorNotByZero() {
        OnlineStandardizer s = new OnlineStandardizer(List.of("constant"), 0.01);
        for (int i = 0; i < 10; i++) {
            s.update(new double[] {42});
        }

        assertThat(s.standardize(new double[] {42})).containsExactly(0);
        assertThat(s.standardize(new double[] {43})[0]).isCloseTo(100, within(1e-9));
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing() {
        OnlineStandardizer s = fed(samples(10, 7));
        OnlineStandardizer before = s.copy();

        assertThatThrownBy(() -> s.update(new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fuelRate");
        assertThatThrownBy(() -> s.update(new double[] {1, 2}))
                .hasMessageContaining("expected 3 features");
        assertThatThrownBy(() -> s.standardize(new double[] {1, 2, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("coolantTrend");
        assertThat(s).isEqualTo(before);
        assertThatThrownBy(() -> new OnlineStandardizer(FEATURES).standardize(new double[3]))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.merge(new OnlineStandardizer(List.of("other"))))
                .hasMessageContaining("different features");
        assertThatThrownBy(() -> new OnlineStandardizer(List.of("a", "a")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new OnlineStandardizer(FEATURES, 0))
                .hasMessageContaining("minStd");
    }

    @Test
    void bytesRoundTripExactly() {
        OnlineStandardizer s = new OnlineStandardizer(FEATURES, 0.05);
        samples(1_000, 8).forEach(s::update);

        OnlineStandardizer back = OnlineStandardizer.fromBytes(s.toBytes());

        assertThat(back).isEqualTo(s);
        assertThat(back.minStd()).isEqualTo(0.05);
        assertThat(back.featureNames()).isEqualTo(FEATURES);
        assertThat(
                        OnlineStandardizer.fromBytes(new OnlineStandardizer(List.of()).toBytes())
                                .dimension())
                .isZero();
    }

    @Test
    void everyCorruptedOrTruncatedFormIsAClearError() {
        byte[] bytes = fed(samples(50, 9)).toBytes();
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x04;
            assertThatThrownBy(() -> OnlineStandardizer.fromBytes(flipped))
                    .as("flip at %d", i)
                    .isInstanceOf(ModelFormatException.class);
            byte[] cut = Arrays.copyOf(bytes, i);
            assertThatThrownBy(() -> OnlineStandardizer.fromBytes(cut))
                    .as("cut at %d", i)
                    .isInstanceOf(ModelFormatException.class);
        }
        assertThatThrownBy(() -> OnlineStandardizer.fromBytes("hello, world".getBytes()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a standardizer");
        byte[] future = bytes.clone();
        future[4] = 9;
        assertThatThrownBy(() -> OnlineStandardizer.fromBytes(future))
                .hasMessageContaining("unsupported standardizer format version 9");
    }
}
