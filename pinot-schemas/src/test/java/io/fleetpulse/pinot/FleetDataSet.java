package io.fleetpulse.pinot;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small known data set for the Pinot integration test, with event times relative to {@link #now}
 * so the named queries' default intervals (last hour, last 24 h) hold it: imputed telemetry of
 * three vehicles and 10 s window features of three vehicles and drivers.
 */
final class FleetDataSet {

    static final String V1 = "V1";
    static final String V2 = "V2";
    static final String V3 = "V3";
    static final String D1 = "D1";
    static final String D2 = "D2";
    static final String D3 = "D3";

    /** Sensors imputed in some events, and in which (by index into {@link #telemetry}). */
    static final Sensor SPEED = Sensor.SPEED;

    static final Sensor FUEL_RATE = Sensor.FUEL_RATE;

    final Instant now;
    final List<ImputedTelemetry> telemetry = new ArrayList<>();
    final List<FeatureVector> features = new ArrayList<>();

    FleetDataSet(Instant now) {
        this.now = now;
        // V1: five events a minute apart, 50 to 46 minutes ago, plus one three hours ago.
        for (int i = 0; i < 5; i++) {
            telemetry.add(event(V1, D1, ago(Duration.ofMinutes(50 - i)), i + 1, Set.of()));
        }
        telemetry.add(event(V1, D1, ago(Duration.ofHours(3)), 0, Set.of(SPEED)));
        // V2: three events 20 to 18 minutes ago; speed and fuel rate imputed in some.
        telemetry.add(event(V2, D2, ago(Duration.ofMinutes(20)), 1, Set.of(SPEED, FUEL_RATE)));
        telemetry.add(event(V2, D2, ago(Duration.ofMinutes(19)), 2, Set.of(FUEL_RATE)));
        ImputedTelemetry coldStart = event(V2, D2, ago(Duration.ofMinutes(18)), 3, Set.of());
        ImputedFields.set(coldStart, Sensor.BRAKE_PAD, null, false, 0.0);
        coldStart.setColdStartSensors(List.of(Sensor.BRAKE_PAD.field()));
        telemetry.add(coldStart);
        // V3: one event 15 minutes ago.
        telemetry.add(event(V3, D3, ago(Duration.ofMinutes(15)), 1, Set.of(FUEL_RATE)));

        // Features. Harsh brakes in the last 24 h: D3 5, D1 3, D2 1; D1 also 10 thirty hours ago.
        features.add(window(V1, D1, ago(Duration.ofMinutes(45)), 1.0, 10.0, 2, "TUMBLING_10S"));
        features.add(window(V1, D1, ago(Duration.ofMinutes(41)), 2.0, 10.0, 1, "TUMBLING_10S"));
        features.add(window(V1, D1, ago(Duration.ofHours(30)), 9.0, 90.0, 10, "TUMBLING_10S"));
        features.add(window(V2, D2, ago(Duration.ofMinutes(2)), 3.0, 20.0, 1, "TUMBLING_10S"));
        features.add(window(V3, D3, ago(Duration.ofMinutes(15)), 0.5, 10.0, 5, "TUMBLING_10S"));
        // A sliding window overlaps tumbling ones: every named query must ignore it.
        features.add(window(V1, D1, ago(Duration.ofMinutes(45)), 50.0, 1.0, 40, "SLIDING_60S"));
    }

    long ago(Duration d) {
        return now.minus(d).toEpochMilli();
    }

    static ImputedTelemetry event(
            String vehicle, String driver, long eventTime, long seq, Set<Sensor> imputed) {
        ImputedTelemetry t = new ImputedTelemetry();
        t.setVehicleId(vehicle);
        t.setDriverId(driver);
        t.setEventTime(eventTime);
        t.setSeq(seq);
        for (Sensor s : Sensor.ALL) {
            double value = s.min() + (s.max() - s.min()) * (0.25 + 0.01 * s.ordinal()) + seq;
            boolean isImputed = imputed.contains(s);
            ImputedFields.set(t, s, value, isImputed, isImputed ? 0.5 : 0.0);
        }
        t.setImputedCount(imputed.size());
        t.setColdStartSensors(List.of());
        t.setProcessedAt(eventTime + 100);
        return t;
    }

    /** A window ending {@code lastEventTime} rounded: starts 10 s before it. */
    static FeatureVector window(
            String vehicle,
            String driver,
            long lastEventTime,
            double fuelL,
            double km,
            int harshBrakes,
            String kind) {
        long start = lastEventTime - 9_000;
        return FeatureVector.newBuilder()
                .setVehicleId(vehicle)
                .setDriverId(driver)
                .setWindowStart(start)
                .setWindowEnd(start + 10_000)
                .setWindowKind(kind)
                .setEventCount(10)
                .setLastEventTime(lastEventTime)
                .setFuelUsedL(fuelL)
                .setDistanceKm(km)
                .setFuelEfficiencyL100km(100 * fuelL / km)
                .setHarshBrakeCount(harshBrakes)
                .setProcessedAt(lastEventTime + 1_000)
                .build();
    }
}
