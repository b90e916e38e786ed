package io.fleetpulse.ingest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain java.net.http client for the gateway's endpoints, as a device would use them. */
final class GatewayClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Generous: only guards a test against hanging forever, never measures anything. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(HANG_GUARD)
                    .build();
    private final URI base;

    GatewayClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return postAsync(contentType, body, null).get();
    }

    CompletableFuture<HttpResponse<String>> postAsync(
            String contentType, byte[] body, String requestId) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(IngestGateway.TELEMETRY_PATH))
                        .timeout(HANG_GUARD)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (requestId != null) {
            b.header(IngestGateway.REQUEST_ID_HEADER, requestId);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(HANG_GUARD)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
