package io.fleetpulse.flink.impute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingMiceTest {

    private static final long BEGINNING = 1_700_000_000_000L;
    private static final double NOISE = 0.1;

    /** x2 = 3 + 2·x0 − 0.5·x1 + noise, with x0 ~ N(0,1), x1 ~ N(5,2). */
    private static double[] linearRow(SplittableRandom r) {
        double x0 = r.nextGaussian();
        double x1 = 5 + 2 * r.nextGaussian();
        return new double[] {x0, x1, 3 + 2 * x0 - 0.5 * x1 + NOISE * r.nextGaussian()};
    }

    private static void train(StreamingMice mice, int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            mice.process(linearRow(r), new VehicleMemory(3), BEGINNING + i * 1000L);
        }
    }

    @Test
    void recoversAKnownLinearRelation() {
        StreamingMice mice = new StreamingMice(3, MiceConfig.defaults().withImputations(20));
        train(mice, 5000, 1);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 50; i++) {
            double[] row = linearRow(r);
            double truth = 3 + 2 * row[0] - 0.5 * row[1];
            row[2] = Double.NaN;
            ImputedRow out = mice.process(row, new VehicleMemory(3), BEGINNING + 5_000_000L);
            assertThat(out.methods()[2]).isEqualTo(ImputationMethod.MICE);
            assertThat(out.values()[2]).isCloseTo(truth, within(0.05));
            assertThat(out.spread()[2]).isBetween(0.03, 0.25);
            assertThat(out.values()[0]).isEqualTo(row[0]);
            assertThat(out.methods()[0]).isEqualTo(ImputationMethod.OBSERVED);
        }
    }

    @Test
    void consistencyResidualIsAReadingLessWhatTheOthersPredict() {
        StreamingMice mice = new StreamingMice(3, MiceConfig.defaults());
        train(mice, 5000, 1);
        SplittableRandom r = new SplittableRandom(3);
        double[] residuals = new double[3];
        for (int i = 0; i < 20; i++) {
            double[] row = linearRow(r);
            double truth = 3 + 2 * row[0] - 0.5 * row[1];
            row[2] = truth + 1.5; // x2's sensor reads 1.5 too high
            mice.consistencyResiduals(row, row, residuals);
            assertThat(residuals[2]).isCloseTo(1.5, within(0.05));
        }
        double[] missing = {0.5, Double.NaN, 2};
        mice.consistencyResiduals(missing, new double[] {0.5, 5, 2}, residuals);
        assertThat(residuals[1]).isNaN(); // not observed: nothing to compare
        assertThat(residuals[0]).isFinite();
    }

    @Test
    void chainsImputeSeveralMissingValuesTogether() {
        StreamingMice mice = new StreamingMice(3, MiceConfig.defaults().withImputations(10));
        train(mice, 5000, 3);
        double x0 = 1.0;
        ImputedRow out =
                mice.process(
                        new double[] {x0, Double.NaN, Double.NaN},
                        new VehicleMemory(3),
                        BEGINNING + 6_000_000L);
        // Chained equations keep the imputed values consistent with each other's relation.
        assertThat(out.values()[1]).isBetween(-5.0, 15.0);
        assertThat(out.values()[2]).isCloseTo(3 + 2 * x0 - 0.5 * out.values()[1], within(0.3));
        assertThat(out.imputedCount()).isEqualTo(2);
        assertThat(out.spread()[1]).isPositive();
        assertThat(out.spread()[2]).isPositive();
    }

    @Test
    void uncertaintyShrinksWithMoreData() {
        MiceConfig many =
                MiceConfig.defaults()
                        .withImputations(400)
                        .withMinObservations(20)
                        .withRefreshEvery(1);
        StreamingMice early = new StreamingMice(3, many);
        StreamingMice late = new StreamingMice(3, many);
        train(early, 40, 5);
        train(late, 5000, 5);
        double[] farOut = {4.0, 12.0, Double.NaN}; // high leverage: coefficient uncertainty shows
        double spreadEarly =
                early.process(farOut, new VehicleMemory(3), BEGINNING + 9_000_000L).spread()[2];
        double spreadLate =
                late.process(farOut, new VehicleMemory(3), BEGINNING + 9_000_000L).spread()[2];
        assertThat(spreadEarly).isGreaterThan(spreadLate * 1.3);
        assertThat(spreadLate).isCloseTo(NOISE, within(0.03));
    }

    @Test
    void forgettingFollowsDrift() {
        StreamingMice forgetting =
                new StreamingMice(2, MiceConfig.defaults().withHalfLife(Duration.ofMinutes(5)));
        StreamingMice remembering =
                new StreamingMice(2, MiceConfig.defaults().withHalfLife(Duration.ofDays(10_000)));
        SplittableRandom r = new SplittableRandom(7);
        long t = BEGINNING;
        for (int phase = 0; phase < 2; phase++) {
            double slope = phase == 0 ? 2 : -2;
            for (int i = 0; i < 3600; i++, t += 1000) {
                double x = r.nextGaussian();
                double[] row = {x, slope * x + 0.05 * r.nextGaussian()};
                forgetting.process(row, new VehicleMemory(2), t);
                remembering.process(row, new VehicleMemory(2), t);
            }
        }
        double[] query = {1.0, Double.NaN};
        assertThat(forgetting.process(query, new VehicleMemory(2), t).values()[1])
                .isCloseTo(-2, within(0.1));
        assertThat(remembering.process(query, new VehicleMemory(2), t).values()[1])
                .isCloseTo(0, within(0.3));
    }

    @Test
    void coldStartFallsBackToLastObservedThenMeanAndSaysSo() {
        StreamingMice mice = new StreamingMice(2, MiceConfig.defaults().withMinObservations(50));
        VehicleMemory vehicle = new VehicleMemory(2);
        ImputedRow nothingYet = mice.process(new double[] {1, Double.NaN}, vehicle, BEGINNING);
        assertThat(nothingYet.methods()[1]).isEqualTo(ImputationMethod.NONE);
        assertThat(nothingYet.values()[1]).isNaN();

        mice.process(new double[] {1, 42}, vehicle, BEGINNING + 1000);
        ImputedRow lastObserved =
                mice.process(new double[] {1, Double.NaN}, vehicle, BEGINNING + 2000);
        assertThat(lastObserved.methods()[1]).isEqualTo(ImputationMethod.LAST_OBSERVED);
        assertThat(lastObserved.methods()[1].fallback()).isTrue();
        assertThat(lastObserved.values()[1]).isEqualTo(42);

        for (int i = 0; i < 9; i++) {
            mice.process(new double[] {1, 10 + i}, new VehicleMemory(2), BEGINNING + 3000 + i);
        }
        ImputedRow mean =
                mice.process(new double[] {1, Double.NaN}, new VehicleMemory(2), BEGINNING + 4000);
        assertThat(mean.methods()[1]).isEqualTo(ImputationMethod.MEAN);
        assertThat(mean.values()[1])
                .isCloseTo((42 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18) / 10.0, within(0.5));
    }

    @Test
    void aVehiclesOwnLastValueIsUsedWhereOtherSensorsSayNothing() {
        StreamingMice mice = new StreamingMice(2, MiceConfig.defaults());
        SplittableRandom r = new SplittableRandom(11);
        VehicleMemory[] vehicles = new VehicleMemory[20];
        for (int v = 0; v < vehicles.length; v++) {
            vehicles[v] = new VehicleMemory(2);
        }
        long t = BEGINNING;
        for (int i = 0; i < 400; i++) {
            for (int v = 0; v < vehicles.length; v++) {
                double level = 10 + 4 * v + 0.01 * i; // each vehicle its own, slowly changing level
                mice.process(new double[] {r.nextGaussian(), level}, vehicles[v], t);
            }
            t += 200;
        }
        ImputedRow out = mice.process(new double[] {0.3, Double.NaN}, vehicles[7], t);
        assertThat(out.methods()[1]).isEqualTo(ImputationMethod.MICE);
        assertThat(out.values()[1]).isCloseTo(10 + 4 * 7 + 4.0, within(0.2));
    }

    @Test
    void imputationsStayInsidePlausibleBounds() {
        StreamingMice mice =
                new StreamingMice(
                        3,
                        MiceConfig.defaults(),
                        new double[] {-10, -10, 0},
                        new double[] {10, 20, 2},
                        null);
        train(mice, 2000, 13);
        ImputedRow out =
                mice.process(
                        new double[] {3, 1, Double.NaN},
                        new VehicleMemory(3),
                        BEGINNING + 3_000_000L);
        assertThat(out.values()[2]).isEqualTo(2.0); // 3 + 6 - 0.5 = 8.5, clamped to the upper bound
    }

    @Test
    void mergedStatisticsEqualOneImputerFedEverything() throws Exception {
        MiceConfig config = MiceConfig.defaults().withImputations(1);
        StreamingMice all = new StreamingMice(3, config);
        StreamingMice left = new StreamingMice(3, config);
        StreamingMice right = new StreamingMice(3, config);
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 2000; i++) {
            double[] row = linearRow(r);
            long t = BEGINNING + i * 1000L;
            all.process(row, new VehicleMemory(3), t);
            (i % 2 == 0 ? left : right).process(row, new VehicleMemory(3), t);
        }
        left.merge(right);
        StreamingMice restored = new StreamingMice(3, config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        left.writeState(new DataOutputStream(bytes));
        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        // One imputation with the same seed: draws are identical, so point values must agree.
        double[] query = {0.5, 4.0, Double.NaN};
        long t = BEGINNING + 2_000_000L;
        double expected = all.process(query, new VehicleMemory(3), t).values()[2];
        assertThat(left.process(query, new VehicleMemory(3), t).values()[2])
                .isCloseTo(expected, within(1e-6));
        assertThat(restored.process(query, new VehicleMemory(3), t).values()[2])
                .isCloseTo(expected, within(1e-6));
    }
}
