package io.fleetpulse.flink.features;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.List;
import org.apache.avro.Schema;

/**
 * How a {@link PaneAccumulator} becomes a {@link FeatureVector}: which sensors get mean, std, min
 * and max, under which field-name prefix, and the derived features.
 */
public final class FeatureSchema {

    /** Sensors summarised by mean/std/min/max. */
    public static final List<Sensor> MAIN_SENSORS =
            List.of(
                    Sensor.SPEED,
                    Sensor.ACCELERATION,
                    Sensor.ENGINE_RPM,
                    Sensor.ENGINE_LOAD,
                    Sensor.THROTTLE,
                    Sensor.COOLANT_TEMP,
                    Sensor.OIL_PRESSURE,
                    Sensor.FUEL_RATE,
                    Sensor.BRAKE_PRESSURE,
                    Sensor.BATTERY_VOLTAGE);

    private static final List<String> PREFIXES =
            List.of(
                    "speed",
                    "acceleration",
                    "engineRpm",
                    "engineLoad",
                    "throttle",
                    "coolantTemp",
                    "oilPressure",
                    "fuelRate",
                    "brakePressure",
                    "batteryVoltage");

    /** Window kind names written to {@code windowKind}. */
    public static final String TUMBLING_10S = "TUMBLING_10S";

    public static final String SLIDING_60S = "SLIDING_60S";

    /** Suffix of the per-sensor stuck-run fields, e.g. {@code speedKmhStuckSeconds}. */
    public static final String STUCK_SUFFIX = "StuckSeconds";

    /** Suffix of the per-sensor consistency-shift fields, e.g. {@code speedKmhResidualShift}. */
    public static final String SHIFT_SUFFIX = "ResidualShift";

    private static final int[][] STAT_POS = new int[MAIN_SENSORS.size()][4];

    /** Position of every sensor's stuck-run field, by sensor ordinal. */
    private static final int[] STUCK_POS = new int[Sensor.ALL.size()];

    /** Position of every sensor's consistency-shift field, by sensor ordinal. */
    private static final int[] SHIFT_POS = new int[Sensor.ALL.size()];

    static {
        Schema schema = FeatureVector.getClassSchema();
        for (Sensor s : Sensor.ALL) {
            Schema.Field f = schema.getField(s.field() + STUCK_SUFFIX);
            if (f == null) {
                throw new IllegalStateException("FeatureVector lacks " + s.field() + STUCK_SUFFIX);
            }
            STUCK_POS[s.ordinal()] = f.pos();
            Schema.Field shift = schema.getField(s.field() + SHIFT_SUFFIX);
            if (shift == null) {
                throw new IllegalStateException("FeatureVector lacks " + s.field() + SHIFT_SUFFIX);
            }
            SHIFT_POS[s.ordinal()] = shift.pos();
        }
        String[] stats = {"Mean", "Std", "Min", "Max"};
        for (int i = 0; i < PREFIXES.size(); i++) {
            for (int k = 0; k < 4; k++) {
                Schema.Field f = schema.getField(PREFIXES.get(i) + stats[k]);
                if (f == null) {
                    throw new IllegalStateException(
                            "FeatureVector lacks " + PREFIXES.get(i) + stats[k]);
                }
                STAT_POS[i][k] = f.pos();
            }
        }
    }

    private FeatureSchema() {}

    /** The features of one vehicle's window [start, end). */
    public static FeatureVector toFeatures(
            String vehicleId,
            long start,
            long end,
            String kind,
            PaneAccumulator a,
            long processedAt) {
        FeatureVector f = new FeatureVector();
        f.setVehicleId(vehicleId);
        f.setDriverId(a.driverId == null ? "" : a.driverId);
        f.setWindowStart(start);
        f.setWindowEnd(end);
        f.setWindowKind(kind);
        f.setEventCount(a.count);
        f.setLastEventTime(a.lastTime == Long.MIN_VALUE ? start : a.lastTime);
        int n = a.count;
        for (int i = 0; i < MAIN_SENSORS.size(); i++) {
            boolean any = a.min[i] <= a.max[i];
            double mean = any ? a.sum[i] / n : 0;
            double var = any ? Math.max(0, a.sumSq[i] / n - mean * mean) : 0;
            f.put(STAT_POS[i][0], mean);
            f.put(STAT_POS[i][1], Math.sqrt(var));
            f.put(STAT_POS[i][2], any ? a.min[i] : 0.0);
            f.put(STAT_POS[i][3], any ? a.max[i] : 0.0);
        }
        double odometerKm = a.odometerLast - a.odometerFirst;
        double distance =
                Double.isFinite(odometerKm)
                                && odometerKm >= 0
                                && odometerKm < a.integratedKm * 3 + 0.5
                        ? odometerKm
                        : a.integratedKm;
        f.setDistanceKm(distance);
        f.setFuelUsedL(a.fuelUsedL);
        f.setFuelEfficiencyL100km(
                distance >= FeatureThresholds.MIN_DISTANCE_FOR_EFFICIENCY_KM
                        ? 100 * a.fuelUsedL / distance
                        : null);
        f.setHarshBrakeCount(a.harshBrakes);
        f.setHarshAccelCount(a.harshAccels);
        f.setOverSpeedSeconds(a.overSpeedSeconds);
        f.setIdleRatio(a.observedSeconds > 0 ? a.idleSeconds / a.observedSeconds : 0.0);
        f.setJerkMean(a.jerkCount > 0 ? a.jerkSum / a.jerkCount : 0.0);
        f.setJerkMax(a.jerkMax);
        f.setCoolantTrendCPerMin(a.coolantTrend());
        f.setFuelLevelDropPct(a.fuelDropPct);
        f.setFuelDropPerLitreUsed(
                a.fuelUsedL >= FeatureThresholds.MIN_FUEL_FOR_RATIO_L
                        ? a.fuelDropPct / a.fuelUsedL
                        : null);
        double wear = a.padFirst - a.padLast;
        f.setBrakePadWearMm(Double.isFinite(wear) ? Math.max(0, wear) : 0.0);
        f.setBrakeEnergyProxy(a.brakeEnergy);
        f.setGpsJumpKm(Math.max(0, a.gpsJumpKm));
        f.setMaxStuckSeconds(a.maxStuckSeconds);
        for (Sensor s : Sensor.ALL) {
            f.put(STUCK_POS[s.ordinal()], a.runMaxSeconds[s.ordinal()]);
            f.put(SHIFT_POS[s.ordinal()], a.meanShift(s.ordinal()));
        }
        f.setOverLimitSeconds(a.overLimitSeconds);
        f.setSpeedLimitRatioMax(a.limitRatioMax);
        f.setImputedShare(a.values > 0 ? (double) a.imputedValues / a.values : 0.0);
        f.setProcessedAt(processedAt);
        return f;
    }
}
