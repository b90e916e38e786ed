package io.fleetpulse.loadgen.report;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts what a sink got acknowledged and how long it took: send latency from each event's intended
 * send time to its acknowledgement (so a stalled sender shows as latency, not as a quietly lower
 * rate), events and bytes acknowledged, events rejected and failed. Thread-safe: sinks record from
 * their I/O threads while a reporter reads intervals.
 */
public final class SendStats {

    /** Latencies are recorded in microseconds, up to an hour. */
    private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

    private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    /** One event acknowledged, {@code latencyNanos} after its intended send time. */
    public void acked(int valueBytes, long latencyNanos) {
        latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, latencyNanos / 1000)));
        acked.incrementAndGet();
        bytes.addAndGet(valueBytes);
    }

    /** Events the receiver answered but refused (e.g. the gateway's validation). */
    public void rejected(int events) {
        rejected.addAndGet(events);
    }

    /** Events that were not delivered; the first error is kept for the report. */
    public void failed(int events, String error) {
        failed.addAndGet(events);
        firstError.compareAndSet(null, error);
    }

    public long acked() {
        return acked.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The first delivery error seen, or null. */
    public String firstError() {
        return firstError.get();
    }

    /** Latencies recorded since the previous call (microseconds). Only one reader may call this. */
    public Histogram intervalLatencies() {
        return latencyMicros.getIntervalHistogram();
    }
}
