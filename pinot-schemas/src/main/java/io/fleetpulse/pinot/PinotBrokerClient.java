package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQL on the Pinot broker through its HTTP API ({@code POST /query/sql}). Plain JDK HTTP, so
 * no Pinot client library (and none of its dependencies) enters the application's classpath.
 */
public final class PinotBrokerClient {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LINES = 4;

    private final PinotHttp http;

    public PinotBrokerClient(String brokerUrl) {
        this(brokerUrl, DEFAULT_TIMEOUT);
    }

    public PinotBrokerClient(String brokerUrl, Duration timeout) {
        this.http = new PinotHttp(brokerUrl, timeout);
    }

    public String url() {
        return http.baseUrl();
    }

    /**
     * Runs {@code sql}.
     *
     * @throws PinotQueryException with Pinot's messages if Pinot reports errors (bad SQL, an
     *     unknown table or column, a timeout)
     * @throws PinotException if the broker cannot be reached or refuses the request
     */
    public QueryResult query(String sql) {
        ObjectNode body = PinotHttp.JSON.createObjectNode().put("sql", sql);
        long t0 = System.nanoTime();
        PinotHttp.Response r = http.post("/query/sql", body);
        double ms = (System.nanoTime() - t0) / 1e6;
        JsonNode response = PinotHttp.require(r, "query");
        List<String> errors = new ArrayList<>();
        for (JsonNode e : response.path("exceptions")) {
            errors.add(conciseError(e.path("message").asText(e.toString())));
        }
        if (!errors.isEmpty()) {
            throw new PinotQueryException(errors);
        }
        return QueryResult.parse(response, ms);
    }

    /**
     * Pinot's error message without its Java stack trace: the error type, the message and the
     * messages of its causes, on one line.
     */
    static String conciseError(String message) {
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()
                    || t.equals("...")
                    || t.startsWith("at ")
                    || t.matches("\\.\\.\\. \\d+ more")) {
                continue;
            }
            if (!kept.contains(t) && kept.size() < MAX_ERROR_LINES) {
                kept.add(t);
            }
        }
        return String.join(" ", kept);
    }
}
