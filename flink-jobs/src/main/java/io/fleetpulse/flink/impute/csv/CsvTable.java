package io.fleetpulse.flink.impute.csv;

import io.fleetpulse.flink.impute.eval.TelemetryRow;
import io.fleetpulse.ingest.replay.CsvLineSplitter;
import io.fleetpulse.ingest.replay.EventTimeFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file of telemetry held in memory for imputation: the header, every row's cells, and which
 * columns are numeric (every non-empty cell parses as a number; empty cells are missing). The
 * vehicle and time columns are found by name; time as epoch ms or ISO-8601.
 */
public final class CsvTable {

    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();
    final int vehicleColumn;
    final int timeColumn;
    final long[] times;
    final List<Integer> numericColumns = new ArrayList<>();

    private CsvTable(
            List<String> header, int vehicleColumn, int timeColumn, List<List<String>> rows) {
        this.header = header;
        this.vehicleColumn = vehicleColumn;
        this.timeColumn = timeColumn;
        this.rows.addAll(rows);
        this.times = new long[rows.size()];
    }

    /**
     * @throws CsvImputeException naming the line and column of what cannot be read
     */
    public static CsvTable read(Path file, String vehicleName, String timeName, char delimiter)
            throws IOException {
        CsvLineSplitter splitter = new CsvLineSplitter(delimiter);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new CsvImputeException(file + " is empty: it needs a header line");
            }
            List<String> header = splitter.split(stripBom(first));
            int vehicle = indexOf(header, vehicleName, file);
            int time = indexOf(header, timeName, file);
            List<List<String>> rows = new ArrayList<>();
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells;
                try {
                    cells = splitter.split(line);
                } catch (IllegalArgumentException e) {
                    throw new CsvImputeException("line " + lineNo + ": " + e.getMessage());
                }
                if (cells.size() != header.size()) {
                    throw new CsvImputeException(
                            "line "
                                    + lineNo
                                    + " has "
                                    + cells.size()
                                    + " cells, the header has "
                                    + header.size());
                }
                rows.add(cells);
            }
            CsvTable table = new CsvTable(header, vehicle, time, rows);
            table.parseTimes();
            table.findNumericColumns();
            return table;
        }
    }

    private void parseTimes() {
        for (int i = 0; i < rows.size(); i++) {
            String cell = rows.get(i).get(timeColumn);
            try {
                times[i] = EventTimeFormat.AUTO.parse(cell);
            } catch (IllegalArgumentException e) {
                throw new CsvImputeException(
                        "line "
                                + (i + 2)
                                + ", column "
                                + header.get(timeColumn)
                                + ": "
                                + e.getMessage());
            }
        }
    }

    private void findNumericColumns() {
        for (int c = 0; c < header.size(); c++) {
            if (c == vehicleColumn || c == timeColumn) {
                continue;
            }
            boolean numeric = true;
            boolean any = false;
            for (List<String> row : rows) {
                String cell = row.get(c);
                if (cell.isEmpty()) {
                    continue;
                }
                any = true;
                if (!isNumber(cell)) {
                    numeric = false;
                    break;
                }
            }
            if (numeric && any) {
                numericColumns.add(c);
            }
        }
    }

    /** Names of the numeric columns, in file order. */
    public String[] numericColumnNames() {
        return numericColumns.stream().map(header::get).toArray(String[]::new);
    }

    /** The numeric columns of every row as {@link TelemetryRow}s in stream (time) order. */
    public java.util.List<TelemetryRow> rowsInStreamOrder() {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> times[i]));
        java.util.List<TelemetryRow> out = new java.util.ArrayList<>(order.length);
        for (int i : order) {
            java.util.List<String> cells = rows.get(i);
            double[] values = new double[numericColumns.size()];
            for (int k = 0; k < values.length; k++) {
                String cell = cells.get(numericColumns.get(k));
                values[k] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            }
            out.add(new TelemetryRow(cells.get(vehicleColumn), times[i], values));
        }
        return out;
    }

    static boolean isNumber(String cell) {
        try {
            return Double.isFinite(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int indexOf(List<String> header, String name, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new CsvImputeException(
                file + " has no column '" + name + "' (columns: " + header + ")");
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
