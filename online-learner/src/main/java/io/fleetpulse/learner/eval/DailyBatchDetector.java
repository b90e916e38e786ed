package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.detect.ConsistencyDrift;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.detect.RuleLimits;
import io.fleetpulse.learner.detect.SpeedLimitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case study's batch setting: once a day, per-vehicle daily aggregates of the window features
 * (maxima, minima, sums, means, least spread), tested with the same physical limits as the rules,
 * (the day's time beyond the posted limit and its largest persistent consistency shift included),
 * plus a fleet outlier test on every daily mean (more than {@link #OUTLIER_Z} robust standard
 * deviations from the fleet's median vehicle-day). An alert covers the vehicle's whole day and is
 * raised when the day ends, when the batch job runs.
 */
final class DailyBatchDetector {

    static final long DAY_MS = 86_400_000L;

    /** Robust z-score (median, 1.4826 x MAD) beyond which a daily mean is an outlier. */
    static final double OUTLIER_Z = 4;

    /** Fuel level fallen this much in a day while standing: theft (a day has no finer rate). */
    static final double DAILY_PARKED_DROP_PCT = 8;

    /** Sensors whose daily means are tested against the fleet. */
    private static final String[] MEANS = {
        "speedMean",
        "accelerationMean",
        "engineRpmMean",
        "engineLoadMean",
        "throttleMean",
        "coolantTempMean",
        "oilPressureMean",
        "fuelRateMean",
        "brakePressureMean",
        "batteryVoltageMean",
        "idleRatio",
        "imputedShare"
    };

    private DailyBatchDetector() {}

    /** One vehicle-day's aggregates. */
    private static final class Day {
        final String vehicle;
        final long start;
        double maxCoolant = Double.NEGATIVE_INFINITY;
        double minAcceleration = Double.POSITIVE_INFINITY;
        double maxSpeed;
        double overLimitSeconds;
        double maxLimitRatio;
        boolean shifted;
        boolean stuck;
        double maxGpsJump;
        double fuelDrop;
        double fuelUsed;
        double parkedFuelDrop;
        final double[] meanSums = new double[MEANS.length];
        long windows;

        Day(String vehicle, long start) {
            this.vehicle = vehicle;
            this.start = start;
        }

        void add(FeatureVector v, RuleLimits limits, PhysicalRules stuckTest) {
            windows++;
            maxCoolant = Math.max(maxCoolant, v.getCoolantTempMax());
            minAcceleration = Math.min(minAcceleration, v.getAccelerationMin());
            maxSpeed = Math.max(maxSpeed, v.getSpeedMax());
            overLimitSeconds += orZero(v.getOverLimitSeconds());
            maxLimitRatio = Math.max(maxLimitRatio, orZero(v.getSpeedLimitRatioMax()));
            stuck |=
                    stuckTest.check(v, 0).stream()
                            .anyMatch(f -> f.kind.equals(PhysicalRules.SENSOR_STUCK));
            maxGpsJump = Math.max(maxGpsJump, v.getGpsJumpKm());
            fuelDrop += v.getFuelLevelDropPct();
            fuelUsed += v.getFuelUsedL();
            if (v.getDistanceKm() <= limits.parkedKm()) {
                parkedFuelDrop += v.getFuelLevelDropPct();
            }
            for (int i = 0; i < MEANS.length; i++) {
                meanSums[i] += ((Number) v.get(MEANS[i])).doubleValue();
            }
        }

        double mean(int i) {
            return meanSums[i] / windows;
        }
    }

    static DetectorResult run(List<FeatureVector> vectors, RuleLimits limits) {
        long started = System.nanoTime();
        Map<String, Day> days = new LinkedHashMap<>();
        // The stuck-sensor test alone: a day whose least spread of a running sensor is zero.
        PhysicalRules stuckTest =
                new PhysicalRules(
                        new RuleLimits(
                                Double.MAX_VALUE,
                                Double.MAX_VALUE,
                                0,
                                Double.MAX_VALUE,
                                Double.MAX_VALUE,
                                limits.stuckMinEvents(),
                                limits.stuckMinSeconds(),
                                Double.MAX_VALUE,
                                Double.MAX_VALUE,
                                Double.MAX_VALUE,
                                -1));
        for (FeatureVector v : vectors) {
            long day = Math.floorDiv(v.getWindowStart(), DAY_MS) * DAY_MS;
            Day d =
                    days.computeIfAbsent(
                            v.getVehicleId() + "@" + day, k -> new Day(v.getVehicleId(), day));
            if (!"TUMBLING_10S".equals(v.getWindowKind())) {
                // Sliding windows would count every event six times; the day's largest
                // consistency shift (judged on minutes) counts once.
                d.shifted |= ConsistencyDrift.find(v) != null;
                continue;
            }
            d.add(v, limits, stuckTest);
        }
        double[][] fleet = new double[MEANS.length][];
        for (int i = 0; i < MEANS.length; i++) {
            final int f = i;
            fleet[i] = days.values().stream().mapToDouble(d -> d.mean(f)).toArray();
        }
        double[] median = new double[MEANS.length];
        double[] scale = new double[MEANS.length];
        for (int i = 0; i < MEANS.length; i++) {
            double m = median(fleet[i]);
            median[i] = m;
            double[] dev = Arrays.stream(fleet[i]).map(x -> Math.abs(x - m)).toArray();
            scale[i] = Math.max(1.4826 * median(dev), 1e-9);
        }
        List<Detection> out = new ArrayList<>();
        for (Day d : days.values()) {
            long end = d.start + DAY_MS;
            if (d.maxCoolant > limits.coolantWarnC()) {
                out.add(daily(d, PhysicalRules.ENGINE_OVERHEATING, end));
            }
            if (limits.harshBrakeMps2() > 0 && -d.minAcceleration >= limits.harshBrakeMps2()) {
                out.add(daily(d, PhysicalRules.HARSH_BRAKING, end));
            }
            if (d.maxSpeed >= limits.overSpeedKmh()
                    || (d.maxLimitRatio >= SpeedLimitRule.MIN_RATIO
                            && d.overLimitSeconds >= SpeedLimitRule.MIN_OVER_LIMIT_SECONDS)) {
                out.add(daily(d, PhysicalRules.OVER_SPEEDING, end));
            }
            if (d.shifted) {
                out.add(daily(d, PhysicalRules.SENSOR_DRIFT, end));
            }
            if (d.maxGpsJump >= limits.gpsJumpKm()) {
                out.add(daily(d, PhysicalRules.GPS_JUMP, end));
            }
            if (d.stuck) {
                out.add(daily(d, PhysicalRules.SENSOR_STUCK, end));
            }
            if (d.fuelUsed > 0 && d.fuelDrop / d.fuelUsed >= limits.fuelDropPerLitre()) {
                out.add(daily(d, PhysicalRules.FUEL_LEAK, end));
            }
            if (d.parkedFuelDrop >= DAILY_PARKED_DROP_PCT) {
                out.add(daily(d, PhysicalRules.FUEL_THEFT, end));
            }
            for (int i = 0; i < MEANS.length; i++) {
                if (Math.abs(d.mean(i) - median[i]) / scale[i] > OUTLIER_Z) {
                    out.add(new Detection(d.vehicle, "DAILY_OUTLIER", true, d.start, end, end));
                    break;
                }
            }
        }
        return new DetectorResult(
                "Batch: daily per-vehicle aggregates", out, System.nanoTime() - started);
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    private static Detection daily(Day d, String kind, long end) {
        return new Detection(d.vehicle, kind, false, d.start, end, end);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
