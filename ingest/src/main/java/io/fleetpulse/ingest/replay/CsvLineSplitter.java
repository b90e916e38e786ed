package io.fleetpulse.ingest.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells (RFC 4180 within a line): cells separated by a delimiter, a cell
 * in double quotes may contain the delimiter, and {@code ""} inside quotes is one quote. Cells are
 * trimmed of surrounding blanks unless quoted. Quoted line breaks are not supported: recorded
 * telemetry has one record per line.
 */
public final class CsvLineSplitter {

    private static final char QUOTE = '"';

    private final char delimiter;

    public CsvLineSplitter(char delimiter) {
        if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("unusable CSV delimiter: " + delimiter);
        }
        this.delimiter = delimiter;
    }

    /**
     * The cells of {@code line}.
     *
     * @throws IllegalArgumentException if a quoted cell is not closed
     */
    public List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int closedAt = -1; // length of the cell when its closing quote was read, -1 if unquoted
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == QUOTE) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
                        cell.append(QUOTE);
                        i++;
                    } else {
                        quoted = false;
                        closedAt = cell.length();
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == delimiter) {
                cells.add(finish(cell, closedAt));
                cell.setLength(0);
                closedAt = -1;
            } else if (c == QUOTE && closedAt < 0 && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in cell " + (cells.size() + 1));
        }
        cells.add(finish(cell, closedAt));
        return cells;
    }

    private static String finish(StringBuilder cell, int closedAt) {
        if (closedAt < 0) {
            return cell.toString().strip();
        }
        // Quoted content is kept as is; blanks after the closing quote are not part of it.
        return cell.substring(0, closedAt) + cell.substring(closedAt).strip();
    }
}
