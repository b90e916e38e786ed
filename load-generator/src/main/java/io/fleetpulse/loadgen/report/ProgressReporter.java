package io.fleetpulse.loadgen.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Prints a progress line every few seconds, as Kafka's producer perf test does ({@code N events
 * sent, X events/s, Y MB/s, send latency avg A ms, max B ms}), and at the end the totals with
 * HdrHistogram percentiles over the whole run.
 */
public final class ProgressReporter implements AutoCloseable {

    private static final double MB = 1024.0 * 1024.0;

    private final SendStats stats;
    private final PrintStream out;
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private final long startNanos;
    private final ScheduledExecutorService timer;
    private long lastNanos;
    private long lastAcked;
    private long lastBytes;
    private long lastFailed;

    /**
     * Starts reporting.
     *
     * @param intervalMs time between progress lines; 0 prints none (only the summary)
     */
    public ProgressReporter(SendStats stats, PrintStream out, long intervalMs) {
        this.stats = stats;
        this.out = out;
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        if (intervalMs > 0) {
            timer =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "progress-reporter");
                                t.setDaemon(true);
                                return t;
                            });
            timer.scheduleAtFixedRate(this::report, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Prints one progress line for the time since the previous one. */
    synchronized void report() {
        Histogram interval = stats.intervalLatencies();
        total.add(interval);
        long now = System.nanoTime();
        long acked = stats.acked();
        long bytes = stats.bytes();
        long failed = stats.failed();
        double seconds = (now - lastNanos) / 1e9;
        out.println(
                progressLine(
                        acked - lastAcked,
                        bytes - lastBytes,
                        seconds,
                        interval.getTotalCount() == 0 ? 0 : interval.getMean() / 1000,
                        interval.getMaxValue() / 1000.0,
                        failed - lastFailed));
        lastNanos = now;
        lastAcked = acked;
        lastBytes = bytes;
        lastFailed = failed;
    }

    static String progressLine(
            long events, long bytes, double seconds, double avgMs, double maxMs, long failed) {
        String line =
                String.format(
                        Locale.ROOT,
                        "%d events sent, %.1f events/s, %.2f MB/s, send latency avg %.1f ms, max %.1f ms",
                        events,
                        events / seconds,
                        bytes / MB / seconds,
                        avgMs,
                        maxMs);
        return failed > 0 ? line + ", " + failed + " failed" : line;
    }

    /** Stops the periodic lines and returns the whole run's latencies (microseconds). */
    public synchronized Histogram finish() {
        if (timer != null) {
            timer.shutdownNow();
        }
        total.add(stats.intervalLatencies());
        return total;
    }

    /** The summary of the run, after {@link #finish()}. */
    public synchronized String summary() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long acked = stats.acked();
        return String.format(
                        Locale.ROOT,
                        "%d events sent in %.1f s, %.1f events/s, %.2f MB/s, send latency avg %.2f"
                                + " ms, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                        acked,
                        seconds,
                        acked / seconds,
                        stats.bytes() / MB / seconds,
                        total.getTotalCount() == 0 ? 0 : total.getMean() / 1000,
                        total.getValueAtPercentile(50) / 1000.0,
                        total.getValueAtPercentile(99) / 1000.0,
                        total.getValueAtPercentile(99.9) / 1000.0,
                        total.getMaxValue() / 1000.0)
                + (stats.rejected() > 0 ? ", " + stats.rejected() + " rejected" : "")
                + (stats.failed() > 0 ? ", " + stats.failed() + " failed" : "");
    }

    @Override
    public void close() {
        finish();
    }
}
