package io.fleetpulse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.serving.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests: JSON in, status and parsed JSON out. */
final class ServingClient {

    /** A status and its JSON body (null if the body was not JSON). */
    record Answer(int status, JsonNode json, String text, HttpResponse<String> raw) {
        String reason() {
            return json == null || !json.has("reason") ? null : json.get("reason").asText();
        }

        String field() {
            return json == null || !json.has("field") ? null : json.get("field").asText();
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final URI base;
    private final String token;

    ServingClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    ServingClient withToken(String other) {
        return new ServingClient(base, other);
    }

    Answer get(String path) {
        return send(builder(path).GET());
    }

    Answer post(String path, String body) {
        return send(
                builder(path)
                        .header("Content-Type", Json.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer post(String path, Object body) {
        return post(path, Json.write(body));
    }

    Answer put(String path, String body) {
        return send(
                builder(path)
                        .header("Content-Type", Json.CONTENT_TYPE)
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) {
        return send(builder(path).DELETE());
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpClient http() {
        return http;
    }

    Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
