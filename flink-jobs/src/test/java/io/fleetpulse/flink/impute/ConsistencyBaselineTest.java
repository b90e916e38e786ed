package io.fleetpulse.flink.impute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConsistencyBaselineTest {

    private static final int SENSORS = 2;

    @Test
    void noShiftUntilTheBaselineHasFormed() {
        ConsistencyBaseline b = ConsistencyBaseline.empty(SENSORS);
        double[] shifts = new double[SENSORS];
        for (int i = 0; i < ConsistencyBaseline.MIN_OBSERVATIONS; i++) {
            b.shiftAndLearn(new double[] {i % 2, Double.NaN}, shifts);
            assertThat(shifts[0]).isNaN();
            assertThat(shifts[1]).isNaN();
        }
        assertThat(b.n[1]).isZero();
    }

    @Test
    void aVehicleOffsetIsNoShiftButADriftIs() {
        ConsistencyBaseline b = ConsistencyBaseline.empty(SENSORS);
        SplittableRandom rng = new SplittableRandom(7);
        double[] shifts = new double[SENSORS];
        double largestNormal = 0;
        for (int i = 0; i < 3_000; i++) {
            // Sensor 0 reads 40 units above what the fleet model predicts, with unit noise.
            b.shiftAndLearn(new double[] {40 + rng.nextGaussian(), rng.nextGaussian()}, shifts);
            if (i > 1_000) {
                largestNormal = Math.max(largestNormal, Math.abs(shifts[0]));
            }
        }
        assertThat(largestNormal).isLessThan(5);
        // Then it drifts by 0.02 units per reading: after 10 minutes, 12 units.
        for (int i = 1; i <= 600; i++) {
            b.shiftAndLearn(new double[] {40 + 0.02 * i + rng.nextGaussian(), 0}, shifts);
        }
        double mean = 0;
        for (int i = 0; i < 10; i++) {
            b.shiftAndLearn(new double[] {52 + rng.nextGaussian(), 0}, shifts);
            mean += shifts[0] / 10;
        }
        assertThat(mean).isGreaterThan(8);
    }
}
