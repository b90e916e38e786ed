package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.sim.TelemetryMessage;

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

    /**
     * Sends the message a simulator has just produced; sinks that can encode it directly override
     * this, the others get it as a record. Encoded before returning, like {@link
     * #send(TelemetryEvent, long)}.
     */
    default void send(TelemetryMessage message, long intendedNanos) throws InterruptedException {
        TelemetryEvent event = new TelemetryEvent();
        message.fill(event);
        send(event, intendedNanos);
    }

    /**
     * Whether {@link #send} may be called from several threads at once (one sink shared by the
     * sending threads); otherwise each sending thread needs its own sink.
     */
    default boolean threadSafe() {
        return false;
    }

    /** Sends anything buffered and waits until every send is acknowledged or failed. */
    void flush() throws InterruptedException;

    /** Flushes and releases connections. */
    @Override
    void close();
}
