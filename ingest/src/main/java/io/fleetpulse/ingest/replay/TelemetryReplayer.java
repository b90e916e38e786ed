package io.fleetpulse.ingest.replay;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.DeadLetters;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import io.fleetpulse.ingest.validate.Violation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Replays the rows of a {@link CsvTelemetryReader} into a {@link ReplaySink}, preserving the
 * spacing of event times divided by a speed-up: an event {@code d} ms after the first is sent
 * {@code d / speedup} ms after the replay started (out-of-order rows go as soon as they are read).
 * Valid rows go to the raw topic; rows that cannot be parsed or break the contract go to the
 * dead-letter topic with their reasons and the original CSV line. Prints a progress line at a fixed
 * interval.
 */
public final class TelemetryReplayer {

    /** Dead-letter stage name for rows rejected by a replay. */
    public static final String STAGE = "replay";

    /** Content type of dead-letter payloads: the original CSV line. */
    public static final String CONTENT_TYPE = "text/csv";

    /**
     * How to replay.
     *
     * @param speedup how much faster than recorded; {@link Double#POSITIVE_INFINITY} for as fast as
     *     possible
     * @param rebaseTime shift all event times by one offset so the first event is "now"
     * @param progressEvery interval of progress lines
     */
    public record Settings(double speedup, boolean rebaseTime, Duration progressEvery) {
        public Settings {
            if (!(speedup > 0)) {
                throw new IllegalArgumentException("speedup must be > 0 but was " + speedup);
            }
        }
    }

    private final ReplaySink sink;
    private final TelemetryValidator validator;
    private final Settings settings;
    private final PrintStream progress;
    private volatile boolean stopped;

    public TelemetryReplayer(
            ReplaySink sink,
            TelemetryValidator validator,
            Settings settings,
            PrintStream progress) {
        this.sink = sink;
        this.validator = validator;
        this.settings = settings;
        this.progress = progress;
    }

    /** Reads every row and sends it; returns after the sink has flushed. */
    public ReplayStats replay(CsvTelemetryReader reader) throws InterruptedException {
        ReplayStats stats = new ReplayStats();
        stats.mapping(reader.mapping());
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long progressEveryNanos = settings.progressEvery().toNanos();
        long nextProgress = startNanos + progressEveryNanos;
        long firstEventTime = Long.MIN_VALUE;
        long rebaseOffset = 0;
        long lastEventTime = 0;
        CsvRow row;
        while (!stopped && (row = reader.next()) != null) {
            stats.row(row);
            TelemetryEvent event = row.event();
            boolean timed = event != null && row.violations().stream().noneMatch(this::isTime);
            if (timed) {
                if (firstEventTime == Long.MIN_VALUE) {
                    firstEventTime = event.getEventTime();
                    rebaseOffset = settings.rebaseTime() ? startMillis - firstEventTime : 0;
                }
                long due = startNanos + dueAfterNanos(event.getEventTime() - firstEventTime);
                nextProgress = waitUntil(due, nextProgress, stats, startNanos, lastEventTime);
                event.setEventTime(event.getEventTime() + rebaseOffset);
                lastEventTime = event.getEventTime();
            }
            List<Violation> violations = new ArrayList<>(row.violations());
            if (event != null) {
                violations.addAll(validator.validate(event));
            }
            if (violations.isEmpty()) {
                sink.send(event);
                stats.valid(event.getEventTime());
            } else {
                DeadLetter dl =
                        DeadLetters.of(
                                STAGE,
                                null,
                                row.vehicleId(),
                                CONTENT_TYPE,
                                row.text().getBytes(StandardCharsets.UTF_8),
                                violations,
                                System.currentTimeMillis());
                dl.setDetail("line " + row.line() + ": " + dl.getDetail());
                sink.deadLetter(row.vehicleId(), dl);
                stats.rejected(violations.get(0).reason(), dl.getDetail());
            }
            if (System.nanoTime() >= nextProgress) {
                printProgress(stats, startNanos, lastEventTime);
                nextProgress += progressEveryNanos;
            }
        }
        sink.flush();
        return stats;
    }

    /** Makes a running {@link #replay} stop reading, flush what it sent and return. */
    public void stop() {
        stopped = true;
    }

    /** Whether {@link #stop()} ended the replay before the end of the file. */
    public boolean stopped() {
        return stopped;
    }

    private boolean isTime(Violation v) {
        return "eventTime".equals(v.field());
    }

    private long dueAfterNanos(long eventDeltaMs) {
        if (Double.isInfinite(settings.speedup()) || eventDeltaMs <= 0) {
            return 0;
        }
        return (long) (TimeUnit.MILLISECONDS.toNanos(eventDeltaMs) / settings.speedup());
    }

    /** Sleeps until {@code due}, printing progress on the way; returns the next progress time. */
    private long waitUntil(
            long due, long nextProgress, ReplayStats stats, long startNanos, long lastEventTime)
            throws InterruptedException {
        long now;
        while (!stopped && (now = System.nanoTime()) < due) {
            if (now >= nextProgress) {
                printProgress(stats, startNanos, lastEventTime);
                nextProgress += settings.progressEvery().toNanos();
            }
            long sleep = Math.min(due, nextProgress) - now;
            TimeUnit.NANOSECONDS.sleep(Math.max(sleep, 0));
        }
        return nextProgress;
    }

    private void printProgress(ReplayStats stats, long startNanos, long lastEventTime) {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        progress.printf(
                "replay: %,d rows read, %,d valid, %,d dead letters, %,.0f rows/s, at event time"
                        + " %s%n",
                stats.rowsRead(),
                stats.rowsValid(),
                stats.rowsRejected(),
                stats.rowsRead() / seconds,
                lastEventTime == 0 ? "-" : Instant.ofEpochMilli(lastEventTime));
        progress.flush();
    }
}
