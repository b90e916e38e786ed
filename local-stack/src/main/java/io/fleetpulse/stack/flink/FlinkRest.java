package io.fleetpulse.stack.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of Flink's REST API the stack needs (the same API a user's own cluster offers): the
 * cluster overview, uploading a job jar, running it, a job's state, stop-with-savepoint and cancel.
 * Errors come back as {@link FlinkRestException} with Flink's own message.
 */
public final class FlinkRest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Flink's errors carry whole stack traces: messages keep this many characters. */
    private static final int MAX_MESSAGE = 600;

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    /**
     * @param base e.g. {@code http://127.0.0.1:18081}
     */
    public FlinkRest(String base) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
    }

    public String baseUrl() {
        return base.toString();
    }

    /** {@code GET /overview}: TaskManagers, slots, running jobs. */
    public JsonNode overview() {
        return call(get("overview"));
    }

    /**
     * Whether the REST API answers, at least {@code taskManagers} have registered and their slots
     * are reported.
     */
    public boolean ready(int taskManagers) {
        try {
            JsonNode o = overview();
            return o.path("taskmanagers").asInt(0) >= taskManagers
                    && o.path("slots-total").asInt(0) > 0;
        } catch (FlinkRestException e) {
            return false;
        }
    }

    /**
     * {@code POST /jars/upload} (streamed from the file); returns the jar id the cluster gave it.
     */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "fleet-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest req =
                HttpRequest.newBuilder(base.resolve("jars/upload"))
                        .timeout(CALL_TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofString(head),
                                        HttpRequest.BodyPublishers.ofFile(jar),
                                        HttpRequest.BodyPublishers.ofString(tail)))
                        .build();
        String file = call(req).path("filename").asText("");
        if (file.isEmpty()) {
            throw new FlinkRestException("upload of " + jar + " returned no file name");
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/:id/run}: runs {@code entryClass} of an uploaded jar with {@code args},
     * restored from {@code restorePath} if given. Returns the job id.
     */
    public String runJar(
            String jarId, String entryClass, List<String> args, Optional<String> restorePath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        args.forEach(body.putArray("programArgsList")::add);
        restorePath.ifPresent(p -> body.put("savepointPath", p));
        body.put("allowNonRestoredState", false);
        return call(post("jars/" + jarId + "/run", body)).path("jobid").asText();
    }

    /** {@code DELETE /jars/:id}: removes an uploaded jar. */
    public void deleteJar(String jarId) {
        call(
                HttpRequest.newBuilder(base.resolve("jars/" + jarId))
                        .timeout(CALL_TIMEOUT)
                        .DELETE()
                        .build());
    }

    /**
     * The job's state ({@code RUNNING}, {@code FINISHED}, …), empty if the cluster does not know
     * it.
     */
    public Optional<String> jobState(String jobId) {
        try {
            return Optional.of(call(get("jobs/" + jobId)).path("state").asText());
        } catch (FlinkRestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code POST /jobs/:id/stop}: stop-with-savepoint into {@code targetDir}, waits for it and
     * returns the savepoint's location.
     *
     * @throws FlinkRestException if the savepoint fails or does not complete within {@code timeout}
     */
    public String stopWithSavepoint(String jobId, Path targetDir, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDir.toUri().toString());
        body.put("drain", false);
        String trigger = call(post("jobs/" + jobId + "/stop", body)).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = call(get("jobs/" + jobId + "/savepoints/" + trigger));
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.hasNonNull("location")) {
                    return op.get("location").asText();
                }
                throw new FlinkRestException(
                        "savepoint of " + jobId + " failed: " + brief(op.path("failure-cause")));
            }
            sleep(Duration.ofMillis(250));
        }
        throw new FlinkRestException(
                "savepoint of " + jobId + " not complete within " + timeout.toSeconds() + " s");
    }

    /** {@code PATCH /jobs/:id?mode=cancel}. */
    public void cancel(String jobId) {
        call(
                HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "?mode=cancel"))
                        .timeout(CALL_TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT).GET().build();
    }

    private HttpRequest post(String path, JsonNode body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private JsonNode call(HttpRequest req) {
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlinkRestException(req.method() + " " + req.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted: " + req.method() + " " + req.uri(), e);
        }
        if (resp.statusCode() / 100 != 2) {
            throw new FlinkRestException(
                    resp.statusCode(),
                    req.method()
                            + " "
                            + req.uri()
                            + " answered "
                            + resp.statusCode()
                            + ": "
                            + abbreviate(resp.body()));
        }
        try {
            return resp.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new FlinkRestException("unreadable answer from " + req.uri() + ": " + e, e);
        }
    }

    /** The exception's class and message from Flink's failure cause (not its stack trace). */
    private static String brief(JsonNode cause) {
        String trace = cause.path("stack-trace").asText("");
        return abbreviate(
                trace.isEmpty() ? cause.toString() : trace.lines().findFirst().orElse(""));
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + " …";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted while waiting for a savepoint", e);
        }
    }
}
