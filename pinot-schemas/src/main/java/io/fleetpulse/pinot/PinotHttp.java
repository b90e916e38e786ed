package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small JSON-over-HTTP client for Pinot's REST APIs (controller and broker), with no Pinot
 * dependency. Errors carry Pinot's own message ({@code {"code":…, "error":"…"}}), never a stack
 * trace.
 */
final class PinotHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** A response: status code and parsed JSON body (a missing node if the body is not JSON). */
    record Response(int status, JsonNode body, String raw) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient client;
    private final String baseUrl;
    private final Duration timeout;

    PinotHttp(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, JsonNode body) {
        return send(
                request(path).POST(json(body)).header("Content-Type", "application/json").build());
    }

    Response put(String path, JsonNode body) {
        return send(
                request(path).PUT(json(body)).header("Content-Type", "application/json").build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** The response, or a {@link PinotException} if it is not 2xx. */
    static JsonNode require(Response r, String what) {
        if (!r.ok()) {
            throw new PinotException(what + " failed (HTTP " + r.status() + "): " + message(r));
        }
        return r.body();
    }

    /** Pinot's error message from an error response. */
    static String message(Response r) {
        JsonNode error = r.body().path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        String raw = r.raw() == null ? "" : r.raw().strip();
        return raw.isEmpty() ? "(no message)" : raw;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise a request body", e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body =
                        r.body() == null || r.body().isBlank()
                                ? JSON.missingNode()
                                : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = JSON.missingNode();
            }
            return new Response(r.statusCode(), body, r.body());
        } catch (ConnectException e) {
            throw new PinotException(
                    "cannot reach Pinot at " + baseUrl + " (is it running? `fleet up` starts it)");
        } catch (HttpTimeoutException e) {
            throw new PinotException("Pinot at " + baseUrl + " did not answer within " + timeout);
        } catch (IOException e) {
            throw new PinotException("cannot talk to Pinot at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinotException("interrupted while talking to Pinot at " + baseUrl);
        }
    }
}
