package io.fleetpulse.ingest.gateway;

import java.time.Duration;

/**
 * Where the gateway listens and how much one request may carry.
 *
 * @param host interface to bind (127.0.0.1 unless deliberately exposed)
 * @param port TCP port; 0 picks a free one
 * @param maxBodyBytes largest accepted request body; larger gets 413
 * @param maxRecords most records in one batch; more gets 413
 * @param stopTimeout how long a graceful stop waits for in-flight requests
 */
public record GatewaySettings(
        String host, int port, int maxBodyBytes, int maxRecords, Duration stopTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 18088;

    /** 8 MiB: ~15,000 JSON events with every sensor, or ~50,000 Avro frames. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** Bodies are held in one array, so the limit stays well below 2 GiB. */
    public static final int MAX_BODY_BYTES_LIMIT = 1 << 30;

    public static final int DEFAULT_MAX_RECORDS = 10_000;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public GatewaySettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxBodyBytes must be 1.." + MAX_BODY_BYTES_LIMIT + " but was " + maxBodyBytes);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive");
        }
    }

    /** The defaults on the default port. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(
                DEFAULT_HOST,
                DEFAULT_PORT,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_RECORDS,
                DEFAULT_STOP_TIMEOUT);
    }

    public GatewaySettings withPort(int newPort) {
        return new GatewaySettings(host, newPort, maxBodyBytes, maxRecords, stopTimeout);
    }

    public GatewaySettings withLimits(int newMaxBodyBytes, int newMaxRecords) {
        return new GatewaySettings(host, port, newMaxBodyBytes, newMaxRecords, stopTimeout);
    }
}
