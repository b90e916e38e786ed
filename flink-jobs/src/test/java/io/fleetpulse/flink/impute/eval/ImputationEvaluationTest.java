package io.fleetpulse.flink.impute.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.flink.impute.MiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImputationEvaluationTest {

    /** 20 vehicles at 1 Hz: x0 a random walk, x1 = 2·x0 + noise, x2 a per-vehicle level. */
    private static List<TelemetryRow> fleet(int seconds) {
        SplittableRandom r = new SplittableRandom(3);
        double[] walk = new double[20];
        List<TelemetryRow> rows = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            for (int v = 0; v < walk.length; v++) {
                walk[v] += r.nextGaussian() * 0.3;
                double x1 = 2 * walk[v] + 0.1 * r.nextGaussian();
                double x2 = 10 * v + 0.05 * r.nextGaussian();
                rows.add(
                        new TelemetryRow(
                                "v" + v,
                                1_700_000_000_000L + t * 1000L,
                                new double[] {walk[v], x1, x2}));
            }
        }
        return rows;
    }

    @Test
    void streamingMiceBeatsBothBaselinesOnCorrelatedTelemetry() throws Exception {
        List<TelemetryRow> rows = fleet(1500);
        Path dir = Files.createTempDirectory("r-export");
        RExport export = new RExport(dir, new String[] {"x0", "x1", "x2"}, 10_000, 2_000);
        ImputationResult result =
                new ImputationEvaluation(
                                new String[] {"x0", "x1", "x2"},
                                null,
                                null,
                                MiceConfig.defaults(),
                                MaskingConfig.defaults(),
                                export)
                        .run(rows.iterator());
        assertThat(result.rows()).isEqualTo(rows.size());
        double hiddenShare = (double) result.hiddenCells() / result.observedCells();
        double expectedShare =
                1
                        - (1 - MaskingConfig.defaults().randomShare())
                                * (1 - MaskingConfig.defaults().expectedBurstShare());
        assertThat(hiddenShare).isCloseTo(expectedShare, within(0.02));
        assertThat(result.reductionVsDailyMean()).isGreaterThan(0.9);
        assertThat(result.miceNrmse()).isLessThan(result.locfNrmse());
        // x1 follows x0 tightly: the regression does far better than carrying x1 forward.
        assertThat(result.columns().get(1).miceRmse())
                .isLessThan(0.6 * result.columns().get(1).locfRmse());
        assertThat(result.exportedSlice().hiddenCells()).isPositive();
        assertThat(Files.readAllLines(dir.resolve("masked.csv"))).hasSize(2_001);
        assertThat(Files.readAllLines(dir.resolve("truth.csv")))
                .hasSize((int) result.exportedSlice().hiddenCells() + 1);
    }
}
