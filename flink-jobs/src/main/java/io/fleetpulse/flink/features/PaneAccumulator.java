package io.fleetpulse.flink.features;

import static io.fleetpulse.flink.features.FeatureThresholds.ENGINE_ON_RPM;
import static io.fleetpulse.flink.features.FeatureThresholds.GPS_SLACK_KM;
import static io.fleetpulse.flink.features.FeatureThresholds.HARSH_ACCEL_MPS2;
import static io.fleetpulse.flink.features.FeatureThresholds.HARSH_BRAKE_MPS2;
import static io.fleetpulse.flink.features.FeatureThresholds.MAX_INTEGRATION_GAP_MS;
import static io.fleetpulse.flink.features.FeatureThresholds.MOVING_KMH;
import static io.fleetpulse.flink.features.FeatureThresholds.OVER_LIMIT_FACTOR;
import static io.fleetpulse.flink.features.FeatureThresholds.OVER_SPEED_KMH;
import static io.fleetpulse.flink.features.FeatureThresholds.REFUEL_JUMP_PCT;
import static io.fleetpulse.flink.features.FeatureThresholds.STOPPED_KMH;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.Arrays;

/**
 * Incremental, mergeable statistics of one vehicle's events in one pane (a 10 s tumbling window).
 * Sums, extremes and least-squares moments merge exactly; quantities that need consecutive events
 * (integrals, onsets, jerk, GPS jumps, stuck runs) are accumulated in arrival order, which per
 * vehicle is event-time order up to small disorder (a step back in time is not integrated over). 60
 * s sliding windows are merges of six consecutive panes, so no event is kept.
 *
 * <p>A public mutable POJO so Flink serialises it with its POJO serializer.
 */
public class PaneAccumulator {

    /** The sensors summarised by mean, std, min and max, in FeatureVector order. */
    public static final Sensor[] MAIN = FeatureSchema.MAIN_SENSORS.toArray(new Sensor[0]);

    private static final int[] MAIN_ORDINAL =
            Arrays.stream(MAIN).mapToInt(Sensor::ordinal).toArray();

    /** Every sensor by ordinal (an array: the hot loops iterate it per event). */
    private static final Sensor[] SENSORS = Sensor.ALL.toArray(new Sensor[0]);

    private static final int S = Sensor.ALL.size();

    public int count;
    public int values;
    public int imputedValues;
    public String driverId;
    public long firstTime = Long.MAX_VALUE;
    public long lastTime = Long.MIN_VALUE;

    public double[] sum = new double[MAIN.length];
    public double[] sumSq = new double[MAIN.length];
    public double[] min = filled(MAIN.length, Double.POSITIVE_INFINITY);
    public double[] max = filled(MAIN.length, Double.NEGATIVE_INFINITY);

    public double integratedKm;
    public double odometerFirst = Double.NaN;
    public double odometerLast = Double.NaN;
    public double fuelUsedL;
    public int harshBrakes;
    public int harshAccels;
    public double overSpeedSeconds;

    /** Time faster than {@link FeatureThresholds#OVER_LIMIT_FACTOR} x the reported limit [s]. */
    public double overLimitSeconds;

    /** Highest speed / reported limit (0 without a reported limit). */
    public double limitRatioMax;

    /** Per sensor (by ordinal): sum and count of consistency shifts (drift evidence). */
    public double[] shiftSum = new double[S];

    public int[] shiftCount = new int[S];
    public double idleSeconds;
    public double observedSeconds;
    public double jerkSum;
    public int jerkCount;
    public double jerkMax;
    public double fuelDropPct;
    public double padFirst = Double.NaN;
    public double padLast = Double.NaN;
    public double brakeEnergy;
    public double gpsJumpKm;

    /** Coolant least-squares moments, time in minutes since {@link #trendOrigin}. */
    public long trendOrigin = Long.MIN_VALUE;

    public double trendN;
    public double trendT;
    public double trendTT;
    public double trendY;
    public double trendTY;

    /** Stuck-sensor runs per sensor (observed values only, while moving). */
    public double[] runValue = filled(S, Double.NaN);

    public long[] runStart = new long[S];
    public long[] runEnd = new long[S];
    public double[] firstRunValue = filled(S, Double.NaN);
    public double[] firstRunSeconds = new double[S];
    public boolean[] firstRunOpen = filledTrue(S);

    /** Longest stuck run per sensor (by ordinal) [s]. */
    public double[] runMaxSeconds = new double[S];

    public double maxStuckSeconds;

    /** Distance driven since the last observed GPS fix [km] (a jump is judged against it). */
    public double kmSinceFix;

    // The previous event, for consecutive-event quantities (fuel level and position: the last
    // observed reading, so an imputed value never reads as a drop or a jump).
    public double prevSpeed = Double.NaN;
    public double prevAccel = Double.NaN;
    public double prevFuelRate = Double.NaN;
    public double prevFuelLevel = Double.NaN;
    public double prevBrake = Double.NaN;
    public double prevLat = Double.NaN;
    public double prevLon = Double.NaN;
    public double prevRpm = Double.NaN;
    public double prevLimit = Double.NaN;

    public PaneAccumulator() {}

    /** Adds one imputed event (without consistency shifts). */
    public void add(ImputedTelemetry e) {
        add(e, null);
    }

    /**
     * Adds one imputed event with its sensors' consistency shifts (by sensor ordinal, NaN = none;
     * null = none at all).
     */
    public void add(ImputedTelemetry e, double[] shifts) {
        if (shifts != null) {
            for (int j = 0; j < S; j++) {
                if (!Double.isNaN(shifts[j])) {
                    shiftSum[j] += shifts[j];
                    shiftCount[j]++;
                }
            }
        }
        long t = e.getEventTime();
        boolean inOrder = t >= lastTime;
        count++;
        driverId = e.getDriverId();
        // Each sensor's value and flag read once from the record (NaN = missing): the Avro
        // record's getter is a switch over all its fields returning boxed values.
        double[] value = new double[S];
        boolean[] imputed = new boolean[S];
        for (int j = 0; j < S; j++) {
            Double v = ImputedFields.value(e, SENSORS[j]);
            if (v == null) {
                value[j] = Double.NaN;
            } else {
                value[j] = v;
                imputed[j] = ImputedFields.imputed(e, SENSORS[j]);
                values++;
                if (imputed[j]) {
                    imputedValues++;
                }
            }
        }
        for (int i = 0; i < MAIN.length; i++) {
            double v = value[MAIN_ORDINAL[i]];
            if (!Double.isNaN(v)) {
                sum[i] += v;
                sumSq[i] += v * v;
                min[i] = Math.min(min[i], v);
                max[i] = Math.max(max[i], v);
            }
        }
        double speed = value[Sensor.SPEED.ordinal()];
        double accel = value[Sensor.ACCELERATION.ordinal()];
        double rpm = value[Sensor.ENGINE_RPM.ordinal()];
        double fuelRate = value[Sensor.FUEL_RATE.ordinal()];
        double fuelLevel = observed(value, imputed, Sensor.FUEL_LEVEL);
        double brake = value[Sensor.BRAKE_PRESSURE.ordinal()];
        double lat = observed(value, imputed, Sensor.LATITUDE);
        double lon = observed(value, imputed, Sensor.LONGITUDE);
        double odometer = value[Sensor.ODOMETER.ordinal()];
        double pad = value[Sensor.BRAKE_PAD.ordinal()];
        // Speed against the posted limit on observed readings only: an imputed speed is a guess
        // from the other sensors, not evidence of speeding.
        double limit = or(ContextReading.ROAD_SPEED_LIMIT.get(e));
        double measuredSpeed = observed(value, imputed, Sensor.SPEED);
        if (limit > 0 && !Double.isNaN(measuredSpeed)) {
            limitRatioMax = Math.max(limitRatioMax, measuredSpeed / limit);
        }
        addTrend(t, value[Sensor.COOLANT_TEMP.ordinal()]);
        if (inOrder) {
            odometerLast = Double.isNaN(odometer) ? odometerLast : odometer;
            padLast = Double.isNaN(pad) ? padLast : pad;
        }
        if (t <= firstTime) {
            odometerFirst = Double.isNaN(odometer) ? odometerFirst : odometer;
            padFirst = Double.isNaN(pad) ? padFirst : pad;
            firstTime = t;
        }
        if (inOrder && lastTime != Long.MIN_VALUE && t - lastTime <= MAX_INTEGRATION_GAP_MS) {
            addStep(
                    (t - lastTime) / 1000.0,
                    speed,
                    accel,
                    rpm,
                    fuelRate,
                    fuelLevel,
                    brake,
                    lat,
                    lon,
                    limit,
                    measuredSpeed);
        }
        if (inOrder) {
            countOnsets(accel);
            trackRuns(value, imputed, t, speed);
            lastTime = t;
            prevSpeed = speed;
            prevAccel = accel;
            prevFuelRate = fuelRate;
            prevFuelLevel = Double.isNaN(fuelLevel) ? prevFuelLevel : fuelLevel;
            prevBrake = brake;
            if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
                prevLat = lat;
                prevLon = lon;
                kmSinceFix = 0;
            }
            prevRpm = rpm;
            prevLimit = limit;
        }
    }

    private void addStep(
            double dt,
            double speed,
            double accel,
            double rpm,
            double fuelRate,
            double fuelLevel,
            double brake,
            double lat,
            double lon,
            double limit,
            double measuredSpeed) {
        if (dt <= 0) {
            return;
        }
        observedSeconds += dt;
        double meanSpeed = mean(prevSpeed, speed);
        double stepKm = Double.isNaN(meanSpeed) ? 0 : meanSpeed * dt / 3600;
        integratedKm += stepKm;
        double meanFuel = mean(prevFuelRate, fuelRate);
        if (!Double.isNaN(meanFuel)) {
            fuelUsedL += meanFuel * dt / 3600;
        }
        if (meanSpeed > OVER_SPEED_KMH) {
            overSpeedSeconds += dt;
        }
        // The limit of the step: this event's, else the previous event's (a limit only changes
        // where the road does).
        double stepLimit = Double.isNaN(limit) ? prevLimit : limit;
        if (stepLimit > 0 && measuredSpeed > OVER_LIMIT_FACTOR * stepLimit) {
            overLimitSeconds += dt;
        }
        if (mean(prevRpm, rpm) > ENGINE_ON_RPM && meanSpeed < STOPPED_KMH) {
            idleSeconds += dt;
        }
        if (!Double.isNaN(prevAccel) && !Double.isNaN(accel)) {
            double jerk = Math.abs(accel - prevAccel) / dt;
            jerkSum += jerk;
            jerkCount++;
            jerkMax = Math.max(jerkMax, jerk);
        }
        if (!Double.isNaN(prevFuelLevel) && !Double.isNaN(fuelLevel)) {
            double drop = prevFuelLevel - fuelLevel;
            if (-drop <= REFUEL_JUMP_PCT) {
                fuelDropPct += drop;
            }
        }
        double meanBrake = mean(prevBrake, brake);
        if (!Double.isNaN(meanBrake) && !Double.isNaN(meanSpeed)) {
            brakeEnergy += meanBrake * meanSpeed * dt;
        }
        kmSinceFix += stepKm;
        if (!Double.isNaN(prevLat) && !Double.isNaN(lat) && !Double.isNaN(lon)) {
            double km = Geo.haversineKm(prevLat, prevLon, lat, lon);
            gpsJumpKm = Math.max(gpsJumpKm, km - kmSinceFix * 1.5 - GPS_SLACK_KM);
        }
    }

    private void countOnsets(double accel) {
        if (Double.isNaN(accel)) {
            return;
        }
        boolean wasBraking = !Double.isNaN(prevAccel) && prevAccel <= HARSH_BRAKE_MPS2;
        boolean wasAccelerating = !Double.isNaN(prevAccel) && prevAccel >= HARSH_ACCEL_MPS2;
        if (accel <= HARSH_BRAKE_MPS2 && !wasBraking) {
            harshBrakes++;
        }
        if (accel >= HARSH_ACCEL_MPS2 && !wasAccelerating) {
            harshAccels++;
        }
    }

    private void trackRuns(double[] value, boolean[] imputed, long t, double speed) {
        boolean moving = speed > MOVING_KMH;
        for (int j = 0; j < S; j++) {
            Sensor s = SENSORS[j];
            double v = value[j];
            // Zero is a rest (standstill, pedal released); a reading at the end of the sensor's
            // range is saturation (full load): both repeat legitimately.
            boolean observed =
                    !Double.isNaN(v) && v != 0 && v > s.min() && v < s.max() && !imputed[j];
            if (!observed) {
                continue;
            }
            if (moving && v == runValue[j]) {
                runEnd[j] = t;
            } else {
                if (runStart[j] != 0) {
                    firstRunOpen[j] = false;
                }
                runValue[j] = moving ? v : Double.NaN;
                runStart[j] = t;
                runEnd[j] = t;
            }
            double seconds = Double.isNaN(runValue[j]) ? 0 : (runEnd[j] - runStart[j]) / 1000.0;
            maxStuckSeconds = Math.max(maxStuckSeconds, seconds);
            runMaxSeconds[j] = Math.max(runMaxSeconds[j], seconds);
            if (firstRunOpen[j]) {
                firstRunValue[j] = runValue[j];
                firstRunSeconds[j] = seconds;
            }
        }
    }

    private void addTrend(long t, double coolant) {
        if (Double.isNaN(coolant)) {
            return;
        }
        if (trendOrigin == Long.MIN_VALUE) {
            trendOrigin = t;
        }
        double m = (t - trendOrigin) / 60_000.0;
        trendN++;
        trendT += m;
        trendTT += m * m;
        trendY += coolant;
        trendTY += m * coolant;
    }

    /** Adds {@code later}, the accumulator of the following pane, into this one. */
    public void merge(PaneAccumulator later) {
        if (later.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(later);
            return;
        }
        for (int i = 0; i < MAIN.length; i++) {
            sum[i] += later.sum[i];
            sumSq[i] += later.sumSq[i];
            min[i] = Math.min(min[i], later.min[i]);
            max[i] = Math.max(max[i], later.max[i]);
        }
        mergeRuns(later);
        count += later.count;
        values += later.values;
        imputedValues += later.imputedValues;
        driverId = later.driverId;
        integratedKm += later.integratedKm;
        odometerLast = Double.isNaN(later.odometerLast) ? odometerLast : later.odometerLast;
        odometerFirst = Double.isNaN(odometerFirst) ? later.odometerFirst : odometerFirst;
        padLast = Double.isNaN(later.padLast) ? padLast : later.padLast;
        padFirst = Double.isNaN(padFirst) ? later.padFirst : padFirst;
        fuelUsedL += later.fuelUsedL;
        harshBrakes += later.harshBrakes;
        harshAccels += later.harshAccels;
        overSpeedSeconds += later.overSpeedSeconds;
        overLimitSeconds += later.overLimitSeconds;
        limitRatioMax = Math.max(limitRatioMax, later.limitRatioMax);
        for (int j = 0; j < S; j++) {
            shiftSum[j] += later.shiftSum[j];
            shiftCount[j] += later.shiftCount[j];
        }
        idleSeconds += later.idleSeconds;
        observedSeconds += later.observedSeconds;
        jerkSum += later.jerkSum;
        jerkCount += later.jerkCount;
        jerkMax = Math.max(jerkMax, later.jerkMax);
        fuelDropPct += later.fuelDropPct;
        brakeEnergy += later.brakeEnergy;
        gpsJumpKm = Math.max(gpsJumpKm, later.gpsJumpKm);
        mergeTrend(later);
        firstTime = Math.min(firstTime, later.firstTime);
        lastTime = Math.max(lastTime, later.lastTime);
    }

    private void mergeRuns(PaneAccumulator later) {
        maxStuckSeconds = Math.max(maxStuckSeconds, later.maxStuckSeconds);
        for (int j = 0; j < S; j++) {
            runMaxSeconds[j] = Math.max(runMaxSeconds[j], later.runMaxSeconds[j]);
            boolean continues = !Double.isNaN(runValue[j]) && runValue[j] == later.firstRunValue[j];
            if (continues) {
                double joined =
                        (runEnd[j] - runStart[j]) / 1000.0
                                + (later.firstTime - runEnd[j]) / 1000.0
                                + later.firstRunSeconds[j];
                maxStuckSeconds = Math.max(maxStuckSeconds, joined);
                runMaxSeconds[j] = Math.max(runMaxSeconds[j], joined);
                if (firstRunOpen[j]) {
                    firstRunSeconds[j] = joined;
                }
                if (later.firstRunOpen[j]) {
                    runEnd[j] = later.runEnd[j];
                    continue;
                }
            }
            firstRunOpen[j] = false;
            runValue[j] = later.runValue[j];
            runStart[j] = later.runStart[j];
            runEnd[j] = later.runEnd[j];
        }
    }

    private void mergeTrend(PaneAccumulator later) {
        if (later.trendN == 0) {
            return;
        }
        if (trendN == 0) {
            trendOrigin = later.trendOrigin;
            trendN = later.trendN;
            trendT = later.trendT;
            trendTT = later.trendTT;
            trendY = later.trendY;
            trendTY = later.trendTY;
            return;
        }
        double c = (later.trendOrigin - trendOrigin) / 60_000.0;
        trendN += later.trendN;
        trendT += later.trendT + later.trendN * c;
        trendTT += later.trendTT + 2 * c * later.trendT + later.trendN * c * c;
        trendY += later.trendY;
        trendTY += later.trendTY + c * later.trendY;
    }

    /** Makes this a deep copy of {@code o}. */
    private void copyFrom(PaneAccumulator o) {
        count = o.count;
        values = o.values;
        imputedValues = o.imputedValues;
        driverId = o.driverId;
        firstTime = o.firstTime;
        lastTime = o.lastTime;
        sum = o.sum.clone();
        sumSq = o.sumSq.clone();
        min = o.min.clone();
        max = o.max.clone();
        integratedKm = o.integratedKm;
        odometerFirst = o.odometerFirst;
        odometerLast = o.odometerLast;
        fuelUsedL = o.fuelUsedL;
        harshBrakes = o.harshBrakes;
        harshAccels = o.harshAccels;
        overSpeedSeconds = o.overSpeedSeconds;
        overLimitSeconds = o.overLimitSeconds;
        limitRatioMax = o.limitRatioMax;
        shiftSum = o.shiftSum.clone();
        shiftCount = o.shiftCount.clone();
        idleSeconds = o.idleSeconds;
        observedSeconds = o.observedSeconds;
        jerkSum = o.jerkSum;
        jerkCount = o.jerkCount;
        jerkMax = o.jerkMax;
        fuelDropPct = o.fuelDropPct;
        padFirst = o.padFirst;
        padLast = o.padLast;
        brakeEnergy = o.brakeEnergy;
        gpsJumpKm = o.gpsJumpKm;
        trendOrigin = o.trendOrigin;
        trendN = o.trendN;
        trendT = o.trendT;
        trendTT = o.trendTT;
        trendY = o.trendY;
        trendTY = o.trendTY;
        runValue = o.runValue.clone();
        runStart = o.runStart.clone();
        runEnd = o.runEnd.clone();
        firstRunValue = o.firstRunValue.clone();
        firstRunSeconds = o.firstRunSeconds.clone();
        firstRunOpen = o.firstRunOpen.clone();
        runMaxSeconds = o.runMaxSeconds.clone();
        maxStuckSeconds = o.maxStuckSeconds;
        kmSinceFix = o.kmSinceFix;
        prevSpeed = o.prevSpeed;
        prevAccel = o.prevAccel;
        prevFuelRate = o.prevFuelRate;
        prevFuelLevel = o.prevFuelLevel;
        prevBrake = o.prevBrake;
        prevLat = o.prevLat;
        prevLon = o.prevLon;
        prevRpm = o.prevRpm;
        prevLimit = o.prevLimit;
    }

    /** A deep copy. */
    public PaneAccumulator copy() {
        PaneAccumulator c = new PaneAccumulator();
        c.copyFrom(this);
        return c;
    }

    /** Mean consistency shift of the sensor with this ordinal over the pane (0 without any). */
    public double meanShift(int ordinal) {
        return shiftCount[ordinal] > 0 ? shiftSum[ordinal] / shiftCount[ordinal] : 0;
    }

    /** Least-squares slope of coolant temperature [degC/min], 0 with fewer than 3 readings. */
    public double coolantTrend() {
        if (trendN < 3) {
            return 0;
        }
        double denom = trendN * trendTT - trendT * trendT;
        return denom <= 1e-12 ? 0 : (trendN * trendTY - trendT * trendY) / denom;
    }

    /** The sensor's observed reading, NaN if missing or imputed. */
    private static double observed(double[] value, boolean[] imputed, Sensor s) {
        int j = s.ordinal();
        return imputed[j] ? Double.NaN : value[j];
    }

    private static double or(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static double mean(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return (a + b) / 2;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static boolean[] filledTrue(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }
}
