package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway writes checked records: valid events to the raw topic, rejected records to the
 * dead-letter topic. The production implementation is {@link KafkaTelemetrySink}; the seam lets the
 * HTTP handling be tested on its own. Implementations must be thread-safe.
 */
public interface TelemetrySink extends AutoCloseable {

    /**
     * Writes a valid event (keyed by its vehicle id). The future completes when the write is
     * durable (for Kafka: acknowledged by all in-sync replicas) and fails if it cannot be.
     */
    CompletableFuture<Void> send(TelemetryEvent event);

    /** Writes a dead letter (keyed by its vehicle id when known); completes as {@link #send}. */
    CompletableFuture<Void> sendDeadLetter(DeadLetter letter);

    /** Where the records go, for the startup message. */
    String describe();

    /** Flushes what is pending and releases resources. */
    @Override
    void close();
}
