package io.fleetpulse.ingest.replay;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.replay.CsvColumnMapping.Column;
import io.fleetpulse.ingest.replay.CsvColumnMapping.Role;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file of telemetry, one {@link CsvRow} per data line: the first non-blank line is the
 * header ({@link CsvColumnMapping}); an empty cell (or a configured missing-value token) is a
 * missing reading; a cell that cannot be read is reported and makes its row a dead letter; cells of
 * unknown columns are reported. Without a sequence column, rows are numbered per vehicle in file
 * order; without a driver column, every row gets the configured default driver.
 */
public final class CsvTelemetryReader {

    /**
     * How cells are written.
     *
     * @param delimiter cell separator
     * @param timeFormat how the time column is written
     * @param missingTokens cell values that mean "no reading" besides the empty cell (e.g. NA)
     * @param defaultDriver driver id for every row when the file has no driver column
     */
    public record Settings(
            char delimiter,
            EventTimeFormat timeFormat,
            Set<String> missingTokens,
            String defaultDriver) {

        public Settings {
            missingTokens = Set.copyOf(missingTokens);
        }

        public static Settings defaults() {
            return new Settings(',', EventTimeFormat.AUTO, Set.of(), "unknown");
        }
    }

    private final BufferedReader in;
    private final Settings settings;
    private final CsvLineSplitter splitter;
    private final CsvColumnMapping mapping;
    private final Map<String, Long> nextSeq = new HashMap<>();
    private long lineNumber;

    /**
     * Reads the header from {@code in}.
     *
     * @throws IllegalArgumentException if there is no header or it cannot be mapped
     */
    public CsvTelemetryReader(BufferedReader in, CsvColumnMapping.Spec spec, Settings settings)
            throws IOException {
        this.in = in;
        this.settings = settings;
        this.splitter = new CsvLineSplitter(settings.delimiter());
        String header = nextNonBlank();
        if (header == null) {
            throw new IllegalArgumentException("the file is empty: no header line");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        this.mapping = CsvColumnMapping.resolve(splitter.split(header), spec);
    }

    public CsvColumnMapping mapping() {
        return mapping;
    }

    /** The next data row, or null at the end of the file. */
    public CsvRow next() {
        String text;
        try {
            text = nextNonBlank();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text == null ? null : parse(lineNumber, text);
    }

    private String nextNonBlank() throws IOException {
        String line;
        do {
            line = in.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        return line;
    }

    private CsvRow parse(long line, String text) {
        List<String> cells;
        try {
            cells = splitter.split(text);
        } catch (IllegalArgumentException e) {
            return malformed(line, text, e.getMessage());
        }
        if (cells.size() != mapping.columns().size()) {
            return malformed(
                    line,
                    text,
                    cells.size() + " cells but the header has " + mapping.columns().size());
        }
        TelemetryEvent event = new TelemetryEvent();
        event.setVehicleId(cells.get(mapping.column(Role.VEHICLE_ID).index()));
        Column driver = mapping.column(Role.DRIVER_ID);
        event.setDriverId(driver == null ? settings.defaultDriver() : cells.get(driver.index()));
        List<Violation> violations = new ArrayList<>();
        List<CellProblem> problems = new ArrayList<>();
        for (Column c : mapping.columns()) {
            String cell = cells.get(c.index());
            boolean missing = cell.isEmpty() || settings.missingTokens().contains(cell);
            switch (c.role()) {
                case EVENT_TIME -> readTime(event, c, cell, missing, line, violations, problems);
                case SEQ -> readSeq(event, c, cell, missing, line, violations, problems);
                case SENSOR -> {
                    if (!missing) {
                        Double v = readNumber(c, cell, line, violations, problems);
                        c.sensor().set(event, v);
                    }
                }
                case ROAD_SPEED_LIMIT -> {
                    if (!missing) {
                        Double v = readNumber(c, cell, line, violations, problems);
                        ContextReading.ROAD_SPEED_LIMIT.set(event, v);
                    }
                }
                case UNKNOWN -> {
                    if (!missing) {
                        problems.add(
                                new CellProblem(
                                        CellProblem.Kind.UNKNOWN_COLUMN, line, c.name(), cell));
                    }
                }
                default -> {
                    // ids were read above; ignored columns are skipped on purpose
                }
            }
        }
        if (mapping.column(Role.SEQ) == null) {
            event.setSeq(nextSeq.merge(event.getVehicleId(), 1L, Long::sum) - 1);
        }
        return new CsvRow(line, text, event, violations, problems);
    }

    private void readTime(
            TelemetryEvent event,
            Column c,
            String cell,
            boolean missing,
            long line,
            List<Violation> violations,
            List<CellProblem> problems) {
        if (missing) {
            violations.add(
                    new Violation(
                            RejectReason.MISSING_FIELD,
                            "eventTime",
                            "column " + c.name() + " is empty"));
            return;
        }
        try {
            event.setEventTime(settings.timeFormat().parse(cell));
        } catch (IllegalArgumentException e) {
            problems.add(new CellProblem(CellProblem.Kind.UNPARSABLE, line, c.name(), cell));
            violations.add(
                    new Violation(
                            RejectReason.WRONG_TYPE,
                            "eventTime",
                            "column " + c.name() + ": " + e.getMessage()));
        }
    }

    private void readSeq(
            TelemetryEvent event,
            Column c,
            String cell,
            boolean missing,
            long line,
            List<Violation> violations,
            List<CellProblem> problems) {
        if (missing) {
            violations.add(
                    new Violation(
                            RejectReason.MISSING_FIELD, "seq", "column " + c.name() + " is empty"));
            return;
        }
        try {
            event.setSeq(Long.parseLong(cell));
        } catch (NumberFormatException e) {
            problems.add(new CellProblem(CellProblem.Kind.UNPARSABLE, line, c.name(), cell));
            violations.add(
                    new Violation(
                            RejectReason.WRONG_TYPE,
                            "seq",
                            "column " + c.name() + ": '" + cell + "' is not an integer"));
        }
    }

    private static Double readNumber(
            Column c,
            String cell,
            long line,
            List<Violation> violations,
            List<CellProblem> problems) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            problems.add(new CellProblem(CellProblem.Kind.UNPARSABLE, line, c.name(), cell));
            violations.add(
                    new Violation(
                            RejectReason.WRONG_TYPE,
                            c.field(),
                            "column " + c.name() + ": '" + cell + "' is not a number"));
            return null;
        }
    }

    private static CsvRow malformed(long line, String text, String why) {
        return new CsvRow(
                line,
                text,
                null,
                List.of(new Violation(RejectReason.MALFORMED, null, why)),
                List.of());
    }
}
