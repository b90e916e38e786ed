package io.fleetpulse.pinot.bench;

import io.fleetpulse.avro.FeatureVector;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Loads history fast: {@code rows} telemetry events (all vehicles, one event per vehicle per
 * second, ending at a given time) plus their 10 s window features and alerts, sent as fast as the
 * producer goes, committed every {@value #COMMIT_EVERY} rows.
 */
final class BulkLoader {

    /** What was loaded. */
    record Result(long rows, long windows, long alerts, double seconds, long nextTick) {}

    private static final int COMMIT_EVERY = 50_000;
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    private static final long SECOND = 1000;

    private final SyntheticFleet fleet;
    private final FleetProducer producer;

    BulkLoader(SyntheticFleet fleet, FleetProducer producer) {
        this.fleet = fleet;
        this.producer = producer;
    }

    /** Sends {@code rows} events whose event times end just before {@code endMillis}. */
    Result load(long rows, long endMillis, PrintWriter progress) {
        int vehicles = fleet.vehicles();
        long ticks = (rows + vehicles - 1) / vehicles;
        long start = SyntheticFleet.windowStartOf(endMillis - ticks * SECOND);
        long t0 = System.nanoTime();
        long lastReport = t0;
        long sent = 0;
        long windows = 0;
        long alerts = 0;
        long tick = 0;
        for (; tick < ticks && sent < rows; tick++) {
            long tickTime = start + tick * SECOND;
            for (int v = 0; v < vehicles && sent < rows; v++) {
                producer.send(fleet.telemetry(v, tick, tickTime + (v * 7L) % SECOND));
                sent++;
                if (tick % SyntheticFleet.EVENTS_PER_WINDOW
                        == SyntheticFleet.EVENTS_PER_WINDOW - 1) {
                    FeatureVector w = fleet.window(v, SyntheticFleet.windowStartOf(tickTime));
                    producer.send(w);
                    windows++;
                    if (w.getHarshBrakeCount() > 0) {
                        producer.send(fleet.alert(v, w.getWindowStart(), false));
                        producer.send(fleet.alert(v, w.getWindowStart(), true));
                        alerts++;
                    }
                }
                if (sent % COMMIT_EVERY == 0) {
                    producer.commit();
                    long now = System.nanoTime();
                    if (now - lastReport > PROGRESS_NANOS) {
                        lastReport = now;
                        progress.printf(
                                Locale.ROOT,
                                "load: %,d of %,d rows sent, %,.0f rows/s%n",
                                sent,
                                rows,
                                sent / ((now - t0) / 1e9));
                        progress.flush();
                    }
                }
            }
        }
        producer.commit();
        return new Result(sent, windows, alerts, (System.nanoTime() - t0) / 1e9, tick);
    }
}
