package io.fleetpulse.ingest.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The Javalin set-up FleetPulse's HTTP servers share (the ingest gateway, model-serving): bound to
 * one host and port, no banner, a body limit, 405 before 404, a graceful stop timeout, and every
 * request timed into the server's metrics by its route.
 */
public final class JavalinServers {

    /** Receives one finished request: method, route template (or "unmatched"), status, time. */
    @FunctionalInterface
    public interface RequestTimer {
        void request(String method, String route, int status, long nanos);
    }

    private JavalinServers() {}

    /** A configured, not yet started server. */
    public static Javalin create(
            String host, int port, long maxBodyBytes, Duration stopTimeout, RequestTimer timer) {
        return Javalin.create(
                config -> {
                    config.showJavalinBanner = false;
                    config.startupWatcherEnabled = false;
                    config.jetty.defaultHost = host;
                    config.jetty.defaultPort = port;
                    config.http.maxRequestSize = maxBodyBytes;
                    config.http.prefer405over404 = true;
                    config.jetty.modifyServer(
                            server -> server.setStopTimeout(stopTimeout.toMillis()));
                    config.requestLogger.http(
                            (ctx, ms) ->
                                    timer.request(
                                            ctx.method().name(),
                                            routeOf(ctx),
                                            ctx.statusCode(),
                                            (long) (ms * 1_000_000)));
                });
    }

    /** The matched route template, so metrics stay bounded; "unmatched" for anything else. */
    static String routeOf(Context ctx) {
        if (ctx.statusCode() == 404) {
            return "unmatched";
        }
        try {
            String route = ctx.endpointHandlerPath();
            return route == null || route.isEmpty() ? "unmatched" : route;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
