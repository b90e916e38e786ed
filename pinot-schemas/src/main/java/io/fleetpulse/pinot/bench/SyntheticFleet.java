package io.fleetpulse.pinot.bench;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fast, deterministic stand-in for FeatureJob's output, for loading Pinot quickly: imputed
 * telemetry at 1 Hz per vehicle (every sensor plausible, about {@value #IMPUTED_SHARE} of values
 * imputed), one 10 s tumbling window feature vector per vehicle every ten events, and an alert
 * (OPEN, then CLEARED) for each window with a harsh brake. Not physics: values only need realistic
 * types, ranges and cardinalities for index and query measurements.
 */
public final class SyntheticFleet {

    /** Probability that any one sensor value of an event is flagged imputed. */
    public static final double IMPUTED_SHARE = 0.05;

    /** Events per vehicle per window (1 Hz, 10 s windows). */
    public static final int EVENTS_PER_WINDOW = 10;

    private static final String WINDOW_KIND = "TUMBLING_10S";
    private static final long WINDOW_MS = 10_000;
    private static final String[] ALERT_KINDS = {"HARSH_BRAKING", "OVER_SPEEDING", "GPS_JUMP"};
    private static final String[] SEVERITIES = {"INFO", "WARNING", "CRITICAL"};
    private static final int DRIVERS_PER_VEHICLE_SHIFT = 1;

    private final int vehicles;
    private final long seed;
    private final String[] vehicleIds;
    private final String[] driverIds;

    /**
     * @param idPrefix prefix of every vehicle and driver id (e.g. {@code B} for a benchmark)
     * @param vehicles fleet size
     * @param seed makes the values reproducible
     */
    public SyntheticFleet(String idPrefix, int vehicles, long seed) {
        this.vehicles = vehicles;
        this.seed = seed;
        this.vehicleIds = new String[vehicles];
        this.driverIds = new String[vehicles];
        for (int v = 0; v < vehicles; v++) {
            vehicleIds[v] = String.format("%s%05d", idPrefix, v);
            driverIds[v] = String.format("%sD%05d", idPrefix, v >> DRIVERS_PER_VEHICLE_SHIFT);
        }
    }

    public int vehicles() {
        return vehicles;
    }

    public String vehicleId(int v) {
        return vehicleIds[v];
    }

    /** Two vehicles per driver (shifts): vehicles 2k and 2k+1 share driver k. */
    public String driverId(int v) {
        return driverIds[v];
    }

    /** Vehicle {@code v}'s event number {@code tick}, taken at {@code eventTime}. */
    public ImputedTelemetry telemetry(int v, long tick, long eventTime) {
        SplittableRandom r = random(v, tick);
        ImputedTelemetry t = new ImputedTelemetry();
        t.setVehicleId(vehicleId(v));
        t.setDriverId(driverId(v));
        t.setEventTime(eventTime);
        t.setSeq(tick);
        int imputed = 0;
        double phase = (tick + v * 37L) / 60.0;
        for (Sensor s : Sensor.ALL) {
            double value = value(s, v, tick, phase, r);
            boolean isImputed = r.nextDouble() < IMPUTED_SHARE;
            imputed += isImputed ? 1 : 0;
            double sd = isImputed ? (s.max() - s.min()) * 0.002 * (1 + r.nextDouble()) : 0.0;
            ImputedFields.set(t, s, value, isImputed, sd);
        }
        t.setImputedCount(imputed);
        t.setColdStartSensors(List.of());
        t.setProcessedAt(eventTime);
        return t;
    }

    /** The 10 s tumbling window of vehicle {@code v} starting at {@code windowStart}. */
    public FeatureVector window(int v, long windowStart) {
        SplittableRandom r = random(v, windowStart);
        double speed = 30 + 60 * r.nextDouble();
        double distanceKm = speed * WINDOW_MS / 3_600_000.0;
        double fuelRate = 4 + 0.15 * speed + 4 * r.nextDouble();
        double fuelUsedL = fuelRate * WINDOW_MS / 3_600_000.0;
        boolean aggressive = (v >> DRIVERS_PER_VEHICLE_SHIFT) % 7 == 0;
        int harshBrakes = r.nextDouble() < (aggressive ? 0.2 : 0.02) ? 1 : 0;
        return FeatureVector.newBuilder()
                .setVehicleId(vehicleId(v))
                .setDriverId(driverId(v))
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart + WINDOW_MS)
                .setWindowKind(WINDOW_KIND)
                .setEventCount(EVENTS_PER_WINDOW)
                .setLastEventTime(windowStart + WINDOW_MS - 1000)
                .setSpeedMean(speed)
                .setSpeedMax(speed + 5 * r.nextDouble())
                .setFuelRateMean(fuelRate)
                .setDistanceKm(distanceKm)
                .setFuelUsedL(fuelUsedL)
                .setFuelEfficiencyL100km(100 * fuelUsedL / distanceKm)
                .setHarshBrakeCount(harshBrakes)
                .setImputedShare(IMPUTED_SHARE)
                .setProcessedAt(windowStart + WINDOW_MS)
                .build();
    }

    /**
     * An alert of vehicle {@code v} raised by the window starting at {@code windowStart} (its kind
     * and severity vary with vehicle and time): OPEN when raised, CLEARED ({@code cleared}) when
     * the next window ends, so the alerts table's upsert keeps the second.
     */
    public Alert alert(int v, long windowStart, boolean cleared) {
        long end = windowStart + WINDOW_MS;
        String kind = ALERT_KINDS[Math.floorMod(v, ALERT_KINDS.length)];
        return Alert.newBuilder()
                .setAlertId(vehicleId(v) + "/" + kind + "/" + windowStart)
                .setVehicleId(vehicleId(v))
                .setDriverId(driverId(v))
                .setKind(kind)
                .setStatus(cleared ? "CLEARED" : "OPEN")
                .setSeverity(SEVERITIES[Math.floorMod(v + windowStart / WINDOW_MS, 3)])
                .setSource("RULE")
                .setStartTime(windowStart)
                .setEndTime(cleared ? end + WINDOW_MS : null)
                .setDetectedAt(end)
                .setWindowKind(WINDOW_KIND)
                .setScore(1)
                .setThreshold(1)
                .setModel(null)
                .setModelVersion(0)
                .setExplanation(List.of())
                .setMessage("harsh braking")
                .setEmittedAt(cleared ? end + WINDOW_MS : end)
                .build();
    }

    /** Window starts are multiples of 10 s. */
    public static long windowStartOf(long eventTime) {
        return eventTime - Math.floorMod(eventTime, WINDOW_MS);
    }

    private static double value(Sensor s, int v, long tick, double phase, SplittableRandom r) {
        double span = s.max() - s.min();
        return switch (s) {
            case LATITUDE -> 48.0 + (v % 100) * 0.01 + tick * 1e-5;
            case LONGITUDE -> 11.0 + (v / 100 % 100) * 0.01 + tick * 1e-5;
            case SPEED -> 50 + 40 * Math.sin(phase);
            case ACCELERATION -> 2.5 * Math.cos(phase) + r.nextGaussian() * 0.3;
            case ODOMETER -> 10_000 + v * 13.0 + tick * 0.014;
            default ->
                    s.min()
                            + span
                                    * (0.3
                                            + 0.2 * Math.sin(phase + s.ordinal())
                                            + 0.05 * r.nextDouble());
        };
    }

    private SplittableRandom random(int v, long salt) {
        return new SplittableRandom(
                seed ^ (v * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL));
    }
}
