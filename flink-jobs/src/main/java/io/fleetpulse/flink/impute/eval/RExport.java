package io.fleetpulse.flink.impute.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a contiguous slice of an evaluation's rows for R's {@code mice}: {@code masked.csv} (the
 * values as the imputers saw them, NA where missing or hidden) and {@code truth.csv} (row, column,
 * true value of every hidden cell), so R imputes exactly the cells FleetPulse imputed.
 */
public final class RExport implements AutoCloseable {

    private final long fromRow;
    private final long rows;
    private final String[] columns;
    private final Path dir;
    private final BufferedWriter masked;
    private final BufferedWriter truth;
    private long written;

    public RExport(Path dir, String[] columns, long fromRow, long rows) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir;
        this.fromRow = fromRow;
        this.rows = rows;
        this.columns = columns.clone();
        this.masked = Files.newBufferedWriter(dir.resolve("masked.csv"), StandardCharsets.UTF_8);
        this.truth = Files.newBufferedWriter(dir.resolve("truth.csv"), StandardCharsets.UTF_8);
        masked.write(String.join(",", columns));
        masked.newLine();
        truth.write("row,column,truth");
        truth.newLine();
    }

    boolean wants(long row) {
        return row >= fromRow && row < fromRow + rows;
    }

    long fromRow() {
        return fromRow;
    }

    long rows() {
        return rows;
    }

    void write(long row, double[] visible, double[] values, boolean[] hidden) throws IOException {
        StringBuilder line = new StringBuilder(visible.length * 10);
        for (int j = 0; j < visible.length; j++) {
            if (j > 0) {
                line.append(',');
            }
            line.append(Double.isNaN(visible[j]) ? "NA" : Double.toString(visible[j]));
            if (hidden[j]) {
                truth.write((written + 1) + "," + columns[j] + "," + values[j]);
                truth.newLine();
            }
        }
        masked.write(line.toString());
        masked.newLine();
        written++;
    }

    /**
     * Writes {@code fleet-slice.csv}: FleetPulse's and the baseline's figures per column, for R.
     */
    void writeFigures(ImputationResult result) throws IOException {
        try (BufferedWriter w =
                Files.newBufferedWriter(dir.resolve("fleet-slice.csv"), StandardCharsets.UTF_8)) {
            w.write("column,hidden,fleet_rmse,fleet_nrmse,daily_mean_nrmse");
            w.newLine();
            for (int j = 0; j < columns.length; j++) {
                ImputationResult.Column slice = result.exportedSlice().columns().get(j);
                ImputationResult.Column whole = result.columns().get(j);
                w.write(
                        columns[j]
                                + ","
                                + slice.hidden()
                                + ","
                                + slice.miceRmse()
                                + ","
                                + slice.miceNrmse()
                                + ","
                                + whole.dailyMeanNrmse());
                w.newLine();
            }
        }
    }

    @Override
    public void close() throws IOException {
        masked.close();
        truth.close();
    }
}
