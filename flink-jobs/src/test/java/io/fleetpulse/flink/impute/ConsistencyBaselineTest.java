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

    /** Mean shift of sensor 0 over ten readings around {@code level}, as a 10 s window has. */
    private static double windowMeanShift(
            ConsistencyBaseline b, SplittableRandom rng, double level) {
        double[] shifts = new double[SENSORS];
        double mean = 0;
        for (int i = 0; i < 10; i++) {
            b.shiftAndLearn(new double[] {level + rng.nextGaussian(), 0}, shifts);
            mean += shifts[0] / 10;
        }
        return mean;
    }

    @Test
    void aVehicleOffsetIsNoShiftButADriftIs() {
        ConsistencyBaseline b = ConsistencyBaseline.empty(SENSORS);
        SplittableRandom rng = new SplittableRandom(7);
        double[] shifts = new double[SENSORS];
        for (int i = 0; i < 3_000; i++) {
            // Sensor 0 reads 40 units above what the fleet model predicts, with unit noise.
            b.shiftAndLearn(new double[] {40 + rng.nextGaussian(), rng.nextGaussian()}, shifts);
        }
        assertThat(windowMeanShift(b, rng, 40)).isBetween(-1.5, 1.5);
        // Then it drifts by 0.02 units per reading: after 10 minutes, 12 units.
        for (int i = 1; i <= 600; i++) {
            b.shiftAndLearn(new double[] {40 + 0.02 * i + rng.nextGaussian(), 0}, shifts);
        }
        // Partly absorbed (the baseline follows slowly, its spread widens), still far out.
        assertThat(windowMeanShift(b, rng, 52)).isGreaterThan(3);
    }
}
