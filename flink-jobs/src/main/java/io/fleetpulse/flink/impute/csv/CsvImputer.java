package io.fleetpulse.flink.impute.csv;

import io.fleetpulse.flink.impute.ImputationMethod;
import io.fleetpulse.flink.impute.ImputedRow;
import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.impute.StreamingMice;
import io.fleetpulse.flink.impute.VehicleMemory;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imputes a telemetry CSV file with the very imputer FeatureJob uses ({@link StreamingMice}), in
 * stream order (rows ordered by the time column, each vehicle with its own memory): every numeric
 * column is imputed, not only the contract's sensors (sensor columns are clamped to their plausible
 * range). The output has the same columns and rows in the same order, missing cells filled, plus
 * {@code <column>_imputed} and {@code <column>_sd} for every numeric column.
 */
public final class CsvImputer {

    /** What an imputation run did. */
    public record Summary(
            int rows,
            List<String> imputedColumns,
            List<String> passedThroughColumns,
            long missingCells,
            long imputedCells,
            long coldStartCells,
            long unimputableCells) {}

    private CsvImputer() {}

    public static Summary impute(
            Path in,
            Path out,
            String vehicleColumn,
            String timeColumn,
            char delimiter,
            MiceConfig config)
            throws IOException {
        CsvTable table = CsvTable.read(in, vehicleColumn, timeColumn, delimiter);
        int d = table.numericColumns.size();
        double[] lower = new double[d];
        double[] upper = new double[d];
        for (int k = 0; k < d; k++) {
            Sensor s = Sensor.byField(table.header.get(table.numericColumns.get(k)));
            lower[k] = s == null ? Double.NaN : s.min();
            upper[k] = s == null ? Double.NaN : s.max();
        }
        StreamingMice mice =
                new StreamingMice(Math.max(d, 1), config, pad(lower), pad(upper), null);
        Integer[] order = new Integer[table.rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, Comparator.comparingLong(i -> table.times[i])); // stable: file order on ties
        ImputedRow[] results = new ImputedRow[order.length];
        Map<String, VehicleMemory> memories = new HashMap<>();
        long missing = 0;
        for (int i : order) {
            List<String> cells = table.rows.get(i);
            double[] row = new double[Math.max(d, 1)];
            Arrays.fill(row, Double.NaN);
            for (int k = 0; k < d; k++) {
                String cell = cells.get(table.numericColumns.get(k));
                row[k] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                missing += cell.isEmpty() ? 1 : 0;
            }
            VehicleMemory memory =
                    memories.computeIfAbsent(
                            cells.get(table.vehicleColumn), v -> new VehicleMemory(row.length));
            results[i] = d == 0 ? null : mice.process(row, memory, table.times[i]);
        }
        long[] counts = write(out, table, results, delimiter);
        List<String> imputed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int c = 0; c < table.header.size(); c++) {
            (table.numericColumns.contains(c) ? imputed : passed).add(table.header.get(c));
        }
        return new Summary(
                table.rows.size(), imputed, passed, missing, counts[0], counts[1], counts[2]);
    }

    private static long[] write(Path out, CsvTable table, ImputedRow[] results, char delimiter)
            throws IOException {
        long imputed = 0;
        long coldStart = 0;
        long unimputable = 0;
        String sep = String.valueOf(delimiter);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            for (String h : table.header) {
                header.add(quote(h, delimiter));
            }
            for (int c : table.numericColumns) {
                header.add(quote(table.header.get(c) + "_imputed", delimiter));
                header.add(quote(table.header.get(c) + "_sd", delimiter));
            }
            w.write(String.join(sep, header));
            w.newLine();
            for (int i = 0; i < table.rows.size(); i++) {
                List<String> cells = new ArrayList<>(table.rows.get(i));
                List<String> extra = new ArrayList<>();
                for (int k = 0; k < table.numericColumns.size(); k++) {
                    int c = table.numericColumns.get(k);
                    ImputationMethod m = results[i].methods()[k];
                    double v = results[i].values()[k];
                    if (m.imputed()) {
                        if (Double.isNaN(v)) {
                            unimputable++;
                        } else {
                            cells.set(c, Double.toString(v));
                            imputed++;
                            coldStart += m.fallback() ? 1 : 0;
                        }
                    }
                    extra.add(Boolean.toString(m.imputed() && !Double.isNaN(v)));
                    double sd = results[i].spread()[k];
                    extra.add(
                            m.imputed() && Double.isFinite(sd) && !Double.isNaN(v)
                                    ? Double.toString(sd)
                                    : m.imputed() ? "" : "0");
                }
                List<String> line = new ArrayList<>();
                for (String cell : cells) {
                    line.add(quote(cell, delimiter));
                }
                line.addAll(extra);
                w.write(String.join(sep, line));
                w.newLine();
            }
        }
        return new long[] {imputed, coldStart, unimputable};
    }

    private static String quote(String cell, char delimiter) {
        if (cell.indexOf(delimiter) < 0 && cell.indexOf('"') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static double[] pad(double[] a) {
        return a.length == 0 ? new double[] {Double.NaN} : a;
    }
}
