package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a node answers: a TCP connect for ZooKeeper, {@code GET /health} = 200 for the rest (and
 * for the server also its query port accepting connections).
 */
final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .build();

    private HealthProbe() {}

    static boolean healthy(PinotNode node, PinotClusterConfig config) {
        return switch (node) {
            case ZOOKEEPER -> accepts(config.zookeeperPort());
            case CONTROLLER -> ok("http://127.0.0.1:" + config.controllerPort() + "/health");
            case BROKER -> ok("http://127.0.0.1:" + config.brokerPort() + "/health");
            // The admin API reports healthy a few seconds before the query port listens.
            case SERVER ->
                    ok("http://127.0.0.1:" + config.serverAdminPort() + "/health")
                            && accepts(config.serverPort());
        };
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(
                    new InetSocketAddress(PinotClusterConfig.HOST, port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean ok(String url) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
