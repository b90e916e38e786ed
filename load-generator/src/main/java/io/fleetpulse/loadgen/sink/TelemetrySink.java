package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;

/**
 * Where simulated telemetry goes (Kafka directly, or the ingest gateway). Sends are asynchronous;
 * each sink records acknowledgements, with latency from the event's intended send time, in its
 * {@link io.fleetpulse.loadgen.report.SendStats}.
 */
public interface TelemetrySink extends AutoCloseable {

    /**
     * Sends one event. The sink encodes it before returning, so the caller may reuse {@code event}.
     *
     * @param intendedNanos when the event was due to be sent, on the {@link System#nanoTime()}
     *     scale
     */
    void send(TelemetryEvent event, long intendedNanos) throws InterruptedException;

    /** Sends anything buffered and waits until every send is acknowledged or failed. */
    void flush() throws InterruptedException;

    /** Flushes and releases connections. */
    @Override
    void close();
}
