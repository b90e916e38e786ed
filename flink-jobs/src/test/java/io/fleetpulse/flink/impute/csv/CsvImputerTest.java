package io.fleetpulse.flink.impute.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.flink.impute.MiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImputerTest {

    @TempDir Path dir;

    /** Two vehicles, rows out of time order, a text column, a non-contract column "load2". */
    private Path input() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("eventTime,vehicleId,note,speedKmh,load2");
        for (int i = 299; i >= 0; i--) { // reversed: the imputer must sort by time
            for (String v : List.of("A", "B")) {
                double speed = 30 + 20 * Math.sin(i / 10.0) + (v.equals("B") ? 5 : 0);
                String load = (i % 7 == 3) ? "" : Double.toString(2 * speed + 1);
                lines.add(
                        (1_700_000_000_000L + i * 1000L)
                                + ","
                                + v
                                + ",\"ok, fine\","
                                + speed
                                + ","
                                + load);
            }
        }
        Path in = dir.resolve("in.csv");
        Files.write(in, lines);
        return in;
    }

    @Test
    void fillsEveryNumericColumnInStreamOrderAndKeepsTheRest() throws Exception {
        Path out = dir.resolve("out.csv");
        CsvImputer.Summary s =
                CsvImputer.impute(
                        input(),
                        out,
                        "vehicleId",
                        "eventTime",
                        ',',
                        MiceConfig.defaults().withMinObservations(20));
        assertThat(s.rows()).isEqualTo(600);
        assertThat(s.imputedColumns()).containsExactly("speedKmh", "load2");
        assertThat(s.passedThroughColumns()).containsExactly("eventTime", "vehicleId", "note");
        assertThat(s.missingCells()).isEqualTo(86);
        assertThat(s.imputedCells()).isEqualTo(86);

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0))
                .isEqualTo(
                        "eventTime,vehicleId,note,speedKmh,load2,speedKmh_imputed,speedKmh_sd,load2_imputed,load2_sd");
        assertThat(lines).hasSize(601);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertThat(c[2]).isEqualTo("\"ok, fine\"");
            double speed = Double.parseDouble(c[3]);
            double load = Double.parseDouble(c[4]);
            if (c[7].equals("true")) {
                long t = Long.parseLong(c[0]);
                if (t > 1_700_000_000_000L + 100_000) { // past the cold start
                    assertThat(load).as(line).isCloseTo(2 * speed + 1, within(1.0));
                    assertThat(Double.parseDouble(c[8])).isGreaterThanOrEqualTo(0);
                    checked++;
                }
            } else {
                assertThat(c[7]).isEqualTo("false");
                assertThat(c[8]).isEqualTo("0");
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void namesWhatIsWrongWithABadFile() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.write(
                bad,
                List.of("eventTime,vehicleId,speedKmh", "1700000000000,A,1", "not-a-time,A,2"));
        assertThatThrownBy(
                        () ->
                                CsvImputer.impute(
                                        bad,
                                        dir.resolve("o.csv"),
                                        "vehicleId",
                                        "eventTime",
                                        ',',
                                        MiceConfig.defaults()))
                .isInstanceOf(CsvImputeException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("eventTime");
        Files.write(bad, List.of("time,vehicleId,speedKmh", "1700000000000,A,1"));
        assertThatThrownBy(
                        () ->
                                CsvImputer.impute(
                                        bad,
                                        dir.resolve("o.csv"),
                                        "vehicleId",
                                        "eventTime",
                                        ',',
                                        MiceConfig.defaults()))
                .hasMessageContaining("no column 'eventTime'");
    }
}
