package io.fleetpulse.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.flink.impute.ImputeTelemetry;
import io.fleetpulse.flink.validate.ValidateTelemetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FeatureJob's own counters — events validated, dead letters, duplicates dropped, late events — as
 * its mini cluster's REST API serves them (summed over subtasks). The REST port is chosen at start
 * ({@code rest.bind-port 0}) and named in the job's log. Flink refreshes these figures about every
 * 10 s, so callers poll.
 */
final class FeatureJobMetrics {

    /** The counters; -1 where the job has not reported one yet. */
    record Counts(long valid, long deadLetters, long duplicates, long late) {}

    private static final Pattern REST = Pattern.compile("Rest endpoint listening at ([0-9.:]+)");
    private static final String VALIDATE = "validate";
    private static final String PIPELINE = "dedup-impute-features";
    private static final String VALID = VALIDATE + "." + ValidateTelemetry.VALID_EVENTS_METRIC;
    private static final String DEAD = VALIDATE + "." + ValidateTelemetry.DEAD_LETTERS_METRIC;
    private static final String DUPLICATES = PIPELINE + "." + ImputeTelemetry.DUPLICATES_METRIC;
    private static final String LATE = PIPELINE + "." + ImputeTelemetry.LATE_METRIC;
    private static final List<String> METRICS = List.of(VALID, DEAD, DUPLICATES, LATE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    private FeatureJobMetrics(String base) {
        this.base = base;
    }

    /** The REST address the job's log names. */
    static FeatureJobMetrics fromLog(Path log) throws IOException {
        Matcher m = REST.matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("no REST endpoint in " + log);
        }
        return new FeatureJobMetrics("http://" + m.group(1));
    }

    Counts read() throws IOException, InterruptedException {
        JsonNode jobs = get("/jobs").path("jobs");
        if (jobs.size() != 1) {
            throw new IllegalStateException("expected one job, found " + jobs);
        }
        String job = jobs.get(0).path("id").asText();
        Map<String, Long> sums = new HashMap<>();
        // One metric per request: Flink answers nothing at all if any asked for is unknown.
        for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
            for (String metric : METRICS) {
                String path =
                        "/jobs/"
                                + job
                                + "/vertices/"
                                + vertex.path("id").asText()
                                + "/subtasks/metrics?agg=sum&get="
                                + metric;
                for (JsonNode value : get(path)) {
                    sums.put(value.path("id").asText(), value.path("sum").asLong());
                }
            }
        }
        return new Counts(
                sums.getOrDefault(VALID, -1L),
                sums.getOrDefault(DEAD, -1L),
                sums.getOrDefault(DUPLICATES, -1L),
                sums.getOrDefault(LATE, -1L));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
