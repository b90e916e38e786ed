package io.fleetpulse.serving;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.serving.http.BearerAuth;
import io.fleetpulse.serving.models.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How model-serving runs. Tokens are held only as digests inside {@link BearerAuth}, so printing
 * the settings never shows one.
 *
 * @param host interface to bind (127.0.0.1)
 * @param port HTTP port, 0 = a free one
 * @param bootstrap Kafka bootstrap servers, or null to serve without Kafka (no feed, no alerts)
 * @param topics where the models and alerts are
 * @param stateDir where pins are kept
 * @param auth the accepted bearer tokens
 * @param keepVersions versions kept per model
 * @param maxBodyBytes largest request body (413 above)
 * @param maxBatch most vectors per batch (413 above)
 * @param maxAlertStreams most open alert streams (503 above)
 * @param stopTimeout how long in-flight requests get on stop
 */
public record ServingSettings(
        String host,
        int port,
        String bootstrap,
        Topics topics,
        Path stateDir,
        BearerAuth auth,
        int keepVersions,
        int maxBodyBytes,
        int maxBatch,
        int maxAlertStreams,
        Duration stopTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 18080;
    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH = 1_000;
    public static final int DEFAULT_MAX_ALERT_STREAMS = 32;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** Defaults for everything but what must be given. */
    public static ServingSettings defaults(String bootstrap, Path stateDir, BearerAuth auth) {
        return new ServingSettings(
                DEFAULT_HOST,
                DEFAULT_PORT,
                bootstrap,
                Topics.DEFAULT,
                stateDir,
                auth,
                ModelRegistry.DEFAULT_KEEP,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_BATCH,
                DEFAULT_MAX_ALERT_STREAMS,
                DEFAULT_STOP_TIMEOUT);
    }

    public ServingSettings withPort(int newPort) {
        return new ServingSettings(
                host,
                newPort,
                bootstrap,
                topics,
                stateDir,
                auth,
                keepVersions,
                maxBodyBytes,
                maxBatch,
                maxAlertStreams,
                stopTimeout);
    }

    public ServingSettings withTopics(Topics newTopics) {
        return new ServingSettings(
                host,
                port,
                bootstrap,
                newTopics,
                stateDir,
                auth,
                keepVersions,
                maxBodyBytes,
                maxBatch,
                maxAlertStreams,
                stopTimeout);
    }

    public ServingSettings withLimits(int newMaxBodyBytes, int newMaxBatch) {
        return new ServingSettings(
                host,
                port,
                bootstrap,
                topics,
                stateDir,
                auth,
                keepVersions,
                newMaxBodyBytes,
                newMaxBatch,
                maxAlertStreams,
                stopTimeout);
    }
}
