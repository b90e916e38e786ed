package io.fleetpulse.flink.impute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainBudgetTest {

    private static int taken(TrainBudget budget, int rows, long time) {
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (budget.take(time)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void limitsRowsPerSecondOfEventTime() {
        TrainBudget budget = new TrainBudget(10);
        assertThat(taken(budget, 100, 1_000)).isEqualTo(10); // one second's worth at most
        assertThat(taken(budget, 100, 1_500)).isEqualTo(5);
        assertThat(taken(budget, 100, 1_400)).isZero(); // going back in time adds nothing
        assertThat(taken(budget, 100, 60_000)).isEqualTo(10); // a long gap does not pile up
    }

    @Test
    void zeroMeansNoLimit() {
        assertThat(taken(new TrainBudget(0), 1_000, 0)).isEqualTo(1_000);
    }

    @Test
    void aLimitedImputerLearnsFromFewerRows() {
        MiceConfig config = MiceConfig.defaults().withMaxTrainRate(100);
        StreamingMice limited = new StreamingMice(2, config);
        StreamingMice unlimited = new StreamingMice(2, MiceConfig.defaults());
        for (int i = 0; i < 10_000; i++) {
            double[] row = {i % 7, 2.0 * (i % 7)};
            long t = 1_000_000L + i; // 1,000 rows per second
            limited.process(row, new VehicleMemory(2), t);
            unlimited.process(row, new VehicleMemory(2), t);
        }
        long limitedRows = limited.observations(1)[2];
        long allRows = unlimited.observations(1)[2];
        // one second of rows up front (the bucket starts full), then 100 per second
        assertThat(allRows).isEqualTo(10_000);
        assertThat(limitedRows).isBetween(1_050L, 1_150L);
    }
}
