package io.fleetpulse.stack.observe;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency measured by the {@link PipelineProbe} (e.g. event time → imputed record readable): an
 * interval histogram for the per-second series and a total one for the run's percentiles, in
 * milliseconds (1 ms to 1 hour, 3 significant digits). Thread-safe: the probe records, others read.
 */
public final class LatencyStream {

    private static final long MAX_MS = 3_600_000L;

    private final String name;
    private final Recorder recorder = new Recorder(MAX_MS, 3);
    private final Histogram total = new Histogram(MAX_MS, 3);
    private Histogram interval;

    LatencyStream(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records one latency (clamped to 0 .. 1 hour: clocks of one machine; late data is real). */
    void record(long millis) {
        recorder.recordValue(Math.max(0, Math.min(MAX_MS, millis)));
    }

    /**
     * Closes the current interval: its histogram is returned and added to the total (unless {@code
     * countInTotal} is false, e.g. during warm-up).
     */
    public synchronized Histogram nextInterval(boolean countInTotal) {
        interval = recorder.getIntervalHistogram(interval);
        if (countInTotal) {
            total.add(interval);
        }
        return interval.copy();
    }

    /** Everything recorded in intervals counted so far. */
    public synchronized Histogram total() {
        return total.copy();
    }
}
