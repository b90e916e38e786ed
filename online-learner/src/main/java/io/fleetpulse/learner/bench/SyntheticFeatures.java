package io.fleetpulse.learner.bench;

import io.fleetpulse.avro.FeatureVector;
import java.util.SplittableRandom;

/**
 * Plausible feature windows with physical relations between the features (fuel rate and RPM follow
 * speed and load, brake wear follows brake energy, coolant follows load), so models have something
 * to learn, plus helpers that break one relation to make an anomaly. Deterministic per seed. Used
 * by {@code fleet bench learner} (the cost of learning does not depend on where vectors come from)
 * and by tests.
 */
public final class SyntheticFeatures {

    public static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final double TANK_LITRES = 400;

    private final SplittableRandom random;
    private final int vehicles;
    private long windows;

    public SyntheticFeatures(long seed, int vehicles) {
        this.random = new SplittableRandom(seed);
        this.vehicles = vehicles;
    }

    /** The next window: vehicles in turn, 10 s tumbling windows then every sixth a 60 s one. */
    public FeatureVector next() {
        long n = windows++;
        int vehicle = (int) (n % vehicles);
        long slot = n / vehicles;
        boolean sliding = slot % 6 == 5;
        long end = START + (slot + 1) * 10_000;
        long start = sliding ? end - 60_000 : end - 10_000;
        return window("V" + vehicle, start, end, sliding ? "SLIDING_60S" : "TUMBLING_10S");
    }

    /** A normal window of {@code vehicleId}. */
    public FeatureVector window(String vehicleId, long start, long end, String kind) {
        double s = (end - start) / 1000.0;
        double v = random.nextDouble() < 0.1 ? 0 : 10 + 90 * random.nextDouble();
        double speedStd = 1 + 0.04 * v * random.nextDouble();
        double acc = gauss(0, 0.25);
        double load = clamp(15 + 0.5 * v + 20 * acc + gauss(0, 3), 0, 100);
        double rpm = v == 0 ? 750 + gauss(0, 20) : 800 + 22 * v + gauss(0, 60);
        double coolant = 86 + 0.05 * load + gauss(0, 1);
        double fuelRate = Math.max(0.3, 1.2 + 0.06 * v + 0.1 * load + gauss(0, 0.3));
        double brake = Math.max(0, -acc) * 10 + Math.abs(gauss(0, 0.4));
        double distance = v * s / 3600;
        double fuelUsed = fuelRate * s / 3600;
        double energy = brake * v * s;
        FeatureVector f = new FeatureVector();
        f.setVehicleId(vehicleId);
        f.setDriverId("D" + vehicleId.substring(1));
        f.setWindowStart(start);
        f.setWindowEnd(end);
        f.setWindowKind(kind);
        f.setEventCount((int) s);
        f.setLastEventTime(end - 1000);
        stats(f, "speed", v, speedStd, 0);
        stats(f, "acceleration", acc, 0.3 + 0.1 * random.nextDouble(), Double.NaN);
        stats(f, "engineRpm", rpm, 40 + 2 * speedStd, 0);
        stats(f, "engineLoad", load, 2 + random.nextDouble(), 0);
        stats(f, "throttle", 0.8 * load + gauss(0, 2), 2 + random.nextDouble(), 0);
        stats(f, "coolantTemp", coolant, 0.3 + 0.2 * random.nextDouble(), 0);
        stats(f, "oilPressure", 150 + 0.06 * rpm + gauss(0, 8), 4, 0);
        stats(f, "fuelRate", fuelRate, 0.2 + 0.01 * v, 0);
        stats(f, "brakePressure", brake, 0.3 + 0.5 * brake, 0);
        stats(f, "batteryVoltage", 13.8 + gauss(0, 0.1), 0.05, 0);
        f.setDistanceKm(distance);
        f.setFuelUsedL(fuelUsed);
        f.setFuelEfficiencyL100km(distance > 0.05 ? fuelUsed / distance * 100 : null);
        f.setHarshBrakeCount(0);
        f.setHarshAccelCount(0);
        f.setOverSpeedSeconds(0.0);
        f.setIdleRatio(v == 0 ? 1.0 : 0.0);
        f.setJerkMean(0.2 + 0.1 * random.nextDouble());
        f.setJerkMax(0.8 + 0.4 * random.nextDouble());
        f.setCoolantTrendCPerMin(gauss(0, 0.1));
        f.setFuelLevelDropPct(fuelUsed * 100 / TANK_LITRES);
        f.setFuelDropPerLitreUsed(fuelUsed > 0.01 ? 100 / TANK_LITRES + gauss(0, 0.01) : null);
        f.setBrakeEnergyProxy(energy);
        f.setBrakePadWearMm(2e-7 * energy * (1 + gauss(0, 0.05)));
        f.setGpsJumpKm(0.0);
        f.setMaxStuckSeconds(3 * random.nextDouble());
        f.setImputedShare(0.02 * random.nextDouble());
        f.setProcessedAt(end + 500);
        return f;
    }

    private void stats(FeatureVector f, String sensor, double mean, double std, double floor) {
        double min = mean - 2 * std;
        if (!Double.isNaN(floor)) {
            min = Math.max(floor, min);
        }
        f.put(sensor + "Mean", mean);
        f.put(sensor + "Std", std);
        f.put(sensor + "Min", min);
        f.put(sensor + "Max", mean + 2 * std);
    }

    /** Overheating: coolant far above its relation to load. */
    public static FeatureVector overheating(FeatureVector normal, double coolantC) {
        FeatureVector f = FeatureVector.newBuilder(normal).build();
        f.setCoolantTempMean(coolantC);
        f.setCoolantTempMin(coolantC - 1);
        f.setCoolantTempMax(coolantC + 1);
        f.setCoolantTrendCPerMin(3.0);
        return f;
    }

    /** An engine racing with oil pressure collapsing: breaks several learned relations. */
    public static FeatureVector racingEngine(FeatureVector normal) {
        FeatureVector f = FeatureVector.newBuilder(normal).build();
        f.setEngineRpmMean(7200.0);
        f.setEngineRpmMin(7000.0);
        f.setEngineRpmMax(7400.0);
        f.setOilPressureMean(15.0);
        f.setOilPressureMin(10.0);
        f.setOilPressureMax(20.0);
        return f;
    }

    private double gauss(double mean, double std) {
        // Box-Muller on the splittable source, deterministic per seed.
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
