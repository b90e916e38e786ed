package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link QueryResult} for a terminal: an aligned table (numbers right-aligned), or one
 * {@code column: value} line per column when a single wide row would not fit, then the row count
 * and query time.
 */
final class ResultPrinter {

    private static final int WIDE_COLUMNS = 8;
    private static final int MAX_DECIMALS = 4;

    private ResultPrinter() {}

    static void print(QueryResult r, PrintWriter out) {
        if (r.rows().size() == 1 && r.columns().size() > WIDE_COLUMNS) {
            printVertical(r, out);
        } else {
            printTable(r, out);
        }
        out.printf(
                Locale.ROOT,
                "%d row%s in %.1f ms (Pinot %d ms; %d of %d docs scanned)%s%n",
                r.rows().size(),
                r.rows().size() == 1 ? "" : "s",
                r.roundTripMs(),
                r.pinotTimeMs(),
                r.docsScanned(),
                r.totalDocs(),
                r.partial() ? "; PARTIAL: not every server answered" : "");
    }

    private static void printTable(QueryResult r, PrintWriter out) {
        int n = r.columns().size();
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = r.columns().get(c).length();
        }
        for (List<JsonNode> row : r.rows()) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                line[c] = format(row.get(c));
                width[c] = Math.max(width[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < n; c++) {
            header.append(c == 0 ? "" : "  ")
                    .append(pad(r.columns().get(c), width[c], numeric(r, c)));
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(header);
        out.println(rule);
        for (String[] line : cells) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < n; c++) {
                s.append(c == 0 ? "" : "  ").append(pad(line[c], width[c], numeric(r, c)));
            }
            out.println(s.toString().stripTrailing());
        }
    }

    private static void printVertical(QueryResult r, PrintWriter out) {
        int width = r.columns().stream().mapToInt(String::length).max().orElse(0);
        List<JsonNode> row = r.rows().get(0);
        for (int c = 0; c < r.columns().size(); c++) {
            out.println(pad(r.columns().get(c), width, false) + "  " + format(row.get(c)));
        }
    }

    /** A value as text: integers plainly, fractions with at most four decimals. */
    static String format(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isFloatingPointNumber()) {
            double d = v.asDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            BigDecimal b =
                    BigDecimal.valueOf(d).setScale(MAX_DECIMALS, java.math.RoundingMode.HALF_UP);
            String s = b.stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(format(e)));
            return "[" + String.join(", ", parts) + "]";
        }
        return v.asText();
    }

    private static boolean numeric(QueryResult r, int column) {
        String type = column < r.types().size() ? r.types().get(column) : "";
        return switch (type) {
            case "INT", "LONG", "FLOAT", "DOUBLE", "BIG_DECIMAL", "TIMESTAMP" -> true;
            default -> false;
        };
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
