package io.fleetpulse.stack;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.sink.TelemetrySink;

/**
 * A simulator sink that sends every {@code every}-th event twice in a row (a device retrying a send
 * it thought lost), up to {@code max} duplicates, and counts what it sent. The copy follows its
 * original at once, so FeatureJob sees it within its allowed lateness: it must be dropped as a
 * duplicate, not as late.
 */
final class DuplicatingSink implements TelemetrySink {

    private final TelemetrySink delegate;
    private final int every;
    private final int max;
    private volatile long originals; // written by the simulator thread only
    private volatile long duplicates;

    DuplicatingSink(TelemetrySink delegate, int every, int max) {
        this.delegate = delegate;
        this.every = every;
        this.max = max;
    }

    @Override
    public void send(TelemetryEvent event, long intendedNanos) throws InterruptedException {
        delegate.send(event, intendedNanos);
        originals++;
        if (originals % every == 0 && duplicates < max) {
            delegate.send(event, intendedNanos);
            duplicates++;
        }
    }

    @Override
    public void flush() throws InterruptedException {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Events of the simulator sent (each once, not counting copies). */
    long originals() {
        return originals;
    }

    /** Copies sent. */
    long duplicates() {
        return duplicates;
    }
}
