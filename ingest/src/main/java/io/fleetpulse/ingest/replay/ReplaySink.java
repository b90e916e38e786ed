package io.fleetpulse.ingest.replay;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;

/**
 * Where a replay writes: valid events to the raw topic, rejected rows to the dead-letter topic.
 * Sends may complete asynchronously; {@link #flush()} waits for all of them, after which the
 * counters are final.
 */
public interface ReplaySink extends AutoCloseable {

    /** Sends a valid event (keyed by its vehicle id). */
    void send(TelemetryEvent event);

    /** Sends a dead letter keyed by {@code key} (the vehicle id, or null when unknown). */
    void deadLetter(String key, DeadLetter deadLetter);

    /** Blocks until every send so far has completed or failed. */
    void flush();

    /** Events acknowledged by the raw topic so far. */
    long eventsAcked();

    /** Dead letters acknowledged so far. */
    long deadLettersAcked();

    /** Sends of either kind that failed. */
    long failures();

    /** The first failure's message, or null if none failed. */
    String firstFailure();

    @Override
    void close();
}
