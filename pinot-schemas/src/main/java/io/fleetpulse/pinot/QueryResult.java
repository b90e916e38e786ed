package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one SQL query from the Pinot broker: column names and types, rows (as JSON values),
 * and Pinot's statistics.
 *
 * @param columns column names
 * @param types Pinot column types (e.g. {@code STRING}, {@code DOUBLE}, {@code LONG})
 * @param rows the rows, each a list of JSON values in column order
 * @param pinotTimeMs the broker's own time for the query ({@code timeUsedMs})
 * @param roundTripMs the time this client waited, request to parsed response
 * @param docsScanned documents the servers scanned ({@code numDocsScanned})
 * @param totalDocs documents in the queried table ({@code totalDocs})
 * @param partial true if not every server answered
 */
public record QueryResult(
        List<String> columns,
        List<String> types,
        List<List<JsonNode>> rows,
        long pinotTimeMs,
        double roundTripMs,
        long docsScanned,
        long totalDocs,
        boolean partial) {

    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    /** Parses a broker response that has no exceptions. */
    static QueryResult parse(JsonNode response, double roundTripMs) {
        JsonNode table = response.path("resultTable");
        List<String> columns = texts(table.path("dataSchema").path("columnNames"));
        List<String> types = texts(table.path("dataSchema").path("columnDataTypes"));
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : table.path("rows")) {
            List<JsonNode> values = new ArrayList<>();
            row.forEach(values::add);
            rows.add(values);
        }
        boolean partial =
                response.path("numServersResponded").asLong()
                        < response.path("numServersQueried").asLong();
        return new QueryResult(
                columns,
                types,
                rows,
                response.path("timeUsedMs").asLong(),
                roundTripMs,
                response.path("numDocsScanned").asLong(),
                response.path("totalDocs").asLong(),
                partial);
    }

    /** The value in {@code row} of the column called {@code column}. */
    public JsonNode value(int row, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(i);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
