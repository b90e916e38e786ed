package io.fleetpulse.ingest.replay;

/**
 * A CSV cell that did not become part of a telemetry event: in a column the mapping does not know,
 * or not readable as its column's type. Collected so a replay reports them instead of dropping them
 * silently.
 *
 * @param kind what is wrong
 * @param line 1-based line number in the file (the header is line 1)
 * @param column the column's name in the header
 * @param value the cell as written
 */
public record CellProblem(Kind kind, long line, String column, String value) {

    /** What is wrong with a cell. */
    public enum Kind {
        /** A non-empty cell in a column that maps to no field. */
        UNKNOWN_COLUMN,
        /** A cell that cannot be read as its field's type (number, time). */
        UNPARSABLE
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": '" + value + "'";
    }
}
