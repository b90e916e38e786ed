package io.fleetpulse.pinot.bench;

import io.fleetpulse.pinot.PinotBrokerClient;
import io.fleetpulse.pinot.PinotException;
import io.fleetpulse.pinot.QueryResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures ingestion lag (event time to queryable): polls the broker for the newest probe event
 * {@link LiveIngest} has sent and records, for each probe, the time from its event time to the
 * first answer that contains it. The poll interval bounds the resolution.
 */
final class FreshnessProbe implements Runnable {

    private final PinotBrokerClient broker;
    private final LiveIngest ingest;
    private final String sql;
    private final long pollIntervalMs;
    private final Histogram lagMs = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final Deque<LiveIngest.Probe> pending = new ArrayDeque<>();
    private volatile boolean running = true;
    private long errors;

    FreshnessProbe(PinotBrokerClient broker, LiveIngest ingest, String table, long pollIntervalMs) {
        this.broker = broker;
        this.ingest = ingest;
        this.sql =
                "SELECT MAX(seq) FROM "
                        + table
                        + " WHERE vehicleId = '"
                        + LiveIngest.PROBE_VEHICLE
                        + "'";
        this.pollIntervalMs = pollIntervalMs;
    }

    @Override
    public void run() {
        while (running) {
            for (LiveIngest.Probe p; (p = ingest.probes().poll()) != null; ) {
                pending.add(p);
            }
            if (!pending.isEmpty()) {
                try {
                    QueryResult r = broker.query(sql);
                    double max = r.rows().isEmpty() ? -1 : r.rows().get(0).get(0).asDouble(-1);
                    long seen = System.currentTimeMillis();
                    while (!pending.isEmpty() && pending.peek().seq() <= max) {
                        lagMs.recordValue(Math.max(0, seen - pending.poll().eventTime()));
                    }
                } catch (PinotException e) {
                    errors++;
                }
            }
            try {
                Thread.sleep(pollIntervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop() {
        running = false;
    }

    Histogram lagMs() {
        return lagMs;
    }

    /** Probes that took longer than {@code millis} to become queryable. */
    long over(long millis) {
        return lagMs.getCountBetweenValues(millis + 1, lagMs.getMaxValue() + 1);
    }

    /** Probes never seen by the end of the run. */
    int unseen() {
        return pending.size() + ingest.probes().size();
    }

    long errors() {
        return errors;
    }
}
