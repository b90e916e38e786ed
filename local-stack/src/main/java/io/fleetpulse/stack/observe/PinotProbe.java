package io.fleetpulse.stack.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the Pinot broker (its HTTP SQL API) how far the telemetry table has got: rows queryable, the
 * newest event time among them (so freshness = now − that), and how long the query took, as the
 * broker reports it and as the client saw it. Errors come back as a reading, never thrown: the
 * console and the benchmark go on without Pinot.
 */
public final class PinotProbe {

    /** One reading; {@code error} is null when the query answered. */
    public record Reading(
            long rows,
            long newestEventTime,
            long freshnessMillis,
            long brokerMillis,
            long clientMillis,
            String error) {
        static Reading failed(String error) {
            return new Reading(0, 0, -1, -1, -1, error);
        }
    }

    static final String SQL = "SELECT COUNT(*), MAX(eventTime) FROM telemetry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI query;

    /** HTTP/1.1: Pinot's broker never answers a POST that offers an HTTP/2 (h2c) upgrade. */
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    /**
     * @param broker the broker's base URL, e.g. {@code http://127.0.0.1:18099}
     */
    public PinotProbe(String broker) {
        this.query = URI.create(broker.replaceAll("/+$", "") + "/query/sql");
    }

    public Reading read() {
        long start = System.nanoTime();
        try {
            String body = JSON.createObjectNode().put("sql", SQL).toString();
            HttpRequest req =
                    HttpRequest.newBuilder(query)
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            long client = (System.nanoTime() - start) / 1_000_000;
            long now = System.currentTimeMillis();
            if (resp.statusCode() != 200) {
                return Reading.failed("broker answered HTTP " + resp.statusCode());
            }
            return parse(JSON.readTree(resp.body()), now, client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.failed("interrupted");
        } catch (Exception e) {
            return Reading.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static Reading parse(JsonNode json, long now, long clientMillis) {
        JsonNode exceptions = json.path("exceptions");
        if (exceptions.isArray() && !exceptions.isEmpty()) {
            return Reading.failed(exceptions.get(0).path("message").asText("query failed"));
        }
        JsonNode rowsNode = json.path("resultTable").path("rows");
        long brokerMillis = json.path("timeUsedMs").asLong(-1);
        if (rowsNode.isEmpty()) {
            // A table with no segment yet (nothing consumed) answers without a result table, or
            // with no row: nothing queryable yet, not an error.
            return new Reading(0, 0, -1, brokerMillis, clientMillis, null);
        }
        JsonNode row = rowsNode.path(0);
        long rows = row.path(0).asLong();
        // MAX over no rows is -Infinity (a double) in Pinot: no freshness then.
        double newest = row.path(1).asDouble(Double.NEGATIVE_INFINITY);
        long newestMillis = Double.isFinite(newest) ? (long) newest : 0;
        long freshness = newestMillis > 0 ? Math.max(0, now - newestMillis) : -1;
        return new Reading(rows, newestMillis, freshness, brokerMillis, clientMillis, null);
    }
}
