package io.fleetpulse.ingest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one benchmark run: named rows of named columns (numbers or text), the settings
 * used and free-form notes, with the machine it ran on. Every {@code fleet bench ...} prints it as
 * an aligned table and, with {@code --json FILE}, writes the same content as JSON, so figures
 * always travel with their settings and machine.
 *
 * <p>Rows and columns keep insertion order; a row lacking a column prints an empty cell. Not
 * thread-safe: fill it from one thread, at the end of a run.
 */
public final class BenchReport {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String title;
    private final MachineInfo machine;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Set<String> columns = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();

    private BenchReport(String name, String title, MachineInfo machine) {
        this.name = name;
        this.title = title;
        this.machine = machine;
    }

    /**
     * A report for the current machine.
     *
     * @param name short machine-readable name, e.g. {@code producer}
     * @param title one-line human title
     */
    public static BenchReport create(String name, String title) {
        return new BenchReport(name, title, MachineInfo.current());
    }

    /** As {@link #create(String, String)} with a given machine description (for tests). */
    public static BenchReport create(String name, String title, MachineInfo machine) {
        return new BenchReport(name, title, machine);
    }

    /** Records a setting the figures depend on (sizes, rates, configs). */
    public BenchReport setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    /** Adds a line of explanation printed under the table and kept in the JSON. */
    public BenchReport note(String text) {
        notes.add(text);
        return this;
    }

    /**
     * Attaches raw data to the JSON only (e.g. a time series), under {@code data.<key>}; plain
     * maps, lists, records and numbers.
     */
    public BenchReport data(String key, Object value) {
        data.put(key, value);
        return this;
    }

    /** The row with this label, created empty at the end if new. */
    public Row row(String label) {
        return rows.computeIfAbsent(label, Row::new);
    }

    public String name() {
        return name;
    }

    public MachineInfo machine() {
        return machine;
    }

    /** The aligned table with title, machine, settings and notes. */
    public String toTable() {
        List<String> cols = new ArrayList<>(columns);
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[cols.size() + 1];
        header[0] = "";
        for (int c = 0; c < cols.size(); c++) {
            header[c + 1] = cols.get(c);
        }
        cells.add(header);
        for (Row row : rows.values()) {
            String[] line = new String[cols.size() + 1];
            line[0] = row.label;
            for (int c = 0; c < cols.size(); c++) {
                line[c + 1] = format(row.values.get(cols.get(c)));
            }
            cells.add(line);
        }
        int[] width = new int[header.length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n').append(machine.summary()).append('\n');
        settings.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        for (int i = 0; i < cells.size(); i++) {
            String[] line = cells.get(i);
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                String cell = line[c];
                // Labels left-aligned, figures right-aligned.
                String pad = " ".repeat(width[c] - cell.length());
                text.append(c == 0 ? cell + pad : pad + cell)
                        .append(c + 1 < line.length ? "  " : "");
            }
            out.append(text.toString().stripTrailing()).append('\n');
            if (i == 0) {
                out.append("-".repeat(text.toString().stripTrailing().length())).append('\n');
            }
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    /** Prints {@link #toTable()}. */
    public void print(PrintStream out) {
        out.print(toTable());
        out.flush();
    }

    /** The whole report as plain maps and lists (what {@link #writeJson} writes). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", name);
        out.put("title", title);
        out.put("machine", machine);
        out.put("settings", settings);
        List<Map<String, Object>> rowList = new ArrayList<>();
        for (Row row : rows.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", row.label);
            r.putAll(row.values);
            rowList.add(r);
        }
        out.put("rows", rowList);
        out.put("notes", notes);
        if (!data.isEmpty()) {
            out.put("data", data);
        }
        return out;
    }

    /** Writes the report as JSON, creating parent directories. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toMap());
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            double abs = Math.abs(d);
            if (abs >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", d);
            }
            return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.3f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }

    /** One named row of figures. */
    public final class Row {
        private final String label;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Row(String label) {
            this.label = label;
        }

        /** Sets a cell; {@code value} is a number or text. */
        public Row put(String column, Object value) {
            columns.add(column);
            values.put(column, value);
            return this;
        }

        public Object get(String column) {
            return values.get(column);
        }
    }
}
