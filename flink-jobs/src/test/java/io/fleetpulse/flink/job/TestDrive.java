package io.fleetpulse.flink.job;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small deterministic fleet drive for integration tests: a few vehicles at 5 Hz with correlated
 * sensors and about 10 % of coolant and RPM readings missing, followed by one far-later "flush"
 * event per vehicle that moves the watermark past every window. Knows which windows FeatureJob must
 * emit for it.
 */
public final class TestDrive {

    static final long PANE_MS = 10_000;
    static final long SLIDING_MS = 60_000;
    static final long STEP_MS = 200;
    static final long FLUSH_AFTER_MS = 120_000;

    final long start;
    final List<TelemetryEvent> events = new ArrayList<>();
    final List<TelemetryEvent> flush = new ArrayList<>();

    TestDrive(int vehicles, long durationMs) {
        long now = System.currentTimeMillis();
        start = now - 10 * 60_000 - now % PANE_MS;
        SplittableRandom r = new SplittableRandom(5);
        for (int v = 0; v < vehicles; v++) {
            long seq = 0;
            for (long t = start; t < start + durationMs; t += STEP_MS) {
                events.add(event("veh-" + v, seq++, t, r));
            }
            flush.add(event("veh-" + v, seq, start + durationMs + FLUSH_AFTER_MS, r));
        }
    }

    /** One event with correlated sensors, about 10 % of coolant and RPM readings missing. */
    public static TelemetryEvent event(String vehicle, long seq, long t, SplittableRandom r) {
        TelemetryEvent e =
                TelemetryEvent.newBuilder()
                        .setVehicleId(vehicle)
                        .setDriverId("drv-" + vehicle)
                        .setEventTime(t)
                        .setSeq(seq)
                        .build();
        double speed = 50 + 30 * Math.sin(t / 20_000.0 + vehicle.hashCode());
        for (Sensor s : Sensor.ALL) {
            s.set(e, (s.min() + s.max()) / 2 + r.nextDouble());
        }
        Sensor.SPEED.set(e, speed);
        Sensor.ENGINE_RPM.set(e, 800 + 25 * speed + 20 * r.nextGaussian());
        Sensor.COOLANT_TEMP.set(e, 80 + 0.1 * speed + r.nextGaussian());
        Sensor.ACCELERATION.set(e, r.nextGaussian() * 0.3);
        if (r.nextDouble() < 0.1) {
            Sensor.COOLANT_TEMP.set(e, null);
        }
        if (r.nextDouble() < 0.1) {
            Sensor.ENGINE_RPM.set(e, null);
        }
        return e;
    }

    /** Every window FeatureJob must emit, as "vehicle|kind|start" → event count. */
    Map<String, Integer> expectedWindows() {
        Map<String, Integer> out = new HashMap<>();
        for (TelemetryEvent e : events) {
            long pane = e.getEventTime() - Math.floorMod(e.getEventTime(), PANE_MS);
            out.merge(e.getVehicleId() + "|TUMBLING_10S|" + pane, 1, Integer::sum);
            for (long end = pane + PANE_MS; end <= pane + SLIDING_MS; end += PANE_MS) {
                out.merge(e.getVehicleId() + "|SLIDING_60S|" + (end - SLIDING_MS), 1, Integer::sum);
            }
        }
        return out;
    }
}
