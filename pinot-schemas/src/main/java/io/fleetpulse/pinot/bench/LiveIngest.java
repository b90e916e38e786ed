package io.fleetpulse.pinot.bench;

import io.fleetpulse.avro.ImputedTelemetry;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps telemetry flowing while queries run: events for the whole fleet at a fixed rate (paced to
 * intended send times, so a stall shows as lag rather than a lower rate), event time = now,
 * committed every {@code commitIntervalMs} in Kafka transactions as FeatureJob's exactly-once sink
 * does. Every {@code probeIntervalMs} one event is a probe (vehicle {@value #PROBE_VEHICLE}) whose
 * send time {@link FreshnessProbe} compares with when Pinot first returns it.
 */
final class LiveIngest implements Runnable {

    static final String PROBE_VEHICLE = "PROBE";

    /** A probe event: its sequence number and event time. */
    record Probe(long seq, long eventTime) {}

    private final SyntheticFleet fleet;
    private final FleetProducer producer;
    private final double rowsPerSecond;
    private final long commitIntervalMs;
    private final long probeIntervalMs;
    private final long firstTick;
    private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;
    private volatile double elapsedSeconds;

    LiveIngest(
            SyntheticFleet fleet,
            FleetProducer producer,
            double rowsPerSecond,
            long commitIntervalMs,
            long probeIntervalMs,
            long firstTick) {
        this.fleet = fleet;
        this.producer = producer;
        this.rowsPerSecond = rowsPerSecond;
        this.commitIntervalMs = commitIntervalMs;
        this.probeIntervalMs = probeIntervalMs;
        this.firstTick = firstTick;
    }

    @Override
    public void run() {
        int vehicles = fleet.vehicles();
        long t0 = System.nanoTime();
        long lastCommit = System.currentTimeMillis();
        long lastProbe = lastCommit;
        long probeSeq = 0;
        long i = 0;
        while (running) {
            long due = (long) ((System.nanoTime() - t0) / 1e9 * rowsPerSecond);
            if (i >= due) {
                LockSupport.parkNanos(200_000);
            }
            while (i < due && running) {
                int v = (int) (i % vehicles);
                long tick = firstTick + i / vehicles;
                long now = System.currentTimeMillis();
                producer.send(fleet.telemetry(v, tick, now));
                if (tick % SyntheticFleet.EVENTS_PER_WINDOW == 0) {
                    producer.send(fleet.window(v, SyntheticFleet.windowStartOf(now)));
                }
                i++;
                if (now - lastProbe >= probeIntervalMs) {
                    lastProbe = now;
                    ImputedTelemetry probe = fleet.telemetry(0, ++probeSeq, now);
                    probe.setVehicleId(PROBE_VEHICLE);
                    producer.send(probe);
                    probes.add(new Probe(probeSeq, now));
                }
                if (now - lastCommit >= commitIntervalMs) {
                    producer.commit();
                    lastCommit = now;
                }
            }
            sent.set(i);
            elapsedSeconds = (System.nanoTime() - t0) / 1e9;
        }
        producer.commit();
    }

    void stop() {
        running = false;
    }

    ConcurrentLinkedQueue<Probe> probes() {
        return probes;
    }

    long sent() {
        return sent.get();
    }

    /** The rate actually achieved so far, rows per second. */
    double achievedRate() {
        double s = elapsedSeconds;
        return s > 0 ? sent.get() / s : 0;
    }
}
