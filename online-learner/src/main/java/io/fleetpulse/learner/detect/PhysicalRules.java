package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.Contribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Explicit physical rules on a feature window, so that obvious conditions are caught whatever the
 * models have learned: overheating coolant, harsh braking, over-speeding (beyond any road's limit,
 * or beyond the posted limit the vehicle reported; not while the speed sensor is stuck), GPS jumps,
 * stuck sensors (also those stuck at a rest value, {@link StuckAtRest}), drifting sensors, fuel
 * leaving the tank faster than the engine burns it, fuel disappearing while parked. The kinds are
 * the simulator's anomaly kinds.
 */
public final class PhysicalRules {

    public static final String ENGINE_OVERHEATING = "ENGINE_OVERHEATING";
    public static final String HARSH_BRAKING = "HARSH_BRAKING";
    public static final String OVER_SPEEDING = "OVER_SPEEDING";
    public static final String GPS_JUMP = "GPS_JUMP";
    public static final String SENSOR_STUCK = "SENSOR_STUCK";
    public static final String FUEL_LEAK = "FUEL_LEAK";
    public static final String FUEL_THEFT = "FUEL_THEFT";
    public static final String SENSOR_DRIFT = "SENSOR_DRIFT";

    /** Engine running: mean RPM above this (idle is 750-850; starting and stopping pass lower). */
    private static final double ENGINE_RUNNING_RPM = 500;

    /** An emergency stop from 40 km/h or more takes at least this much speed off [km/h]. */
    private static final double HARSH_STOP_SPEED_DROP_KMH = 5;

    /** Moving: mean speed above this. */
    private static final double MOVING_KMH = 5;

    /** Sensors that vary (with noise) whenever the engine runs. */
    private static final List<String> ENGINE_DRIVEN_STDS =
            List.of("engineRpmStd", "coolantTempStd", "oilPressureStd", "batteryVoltageStd");

    /**
     * Sensors that may rest at exactly zero (fuel cut-off) but not elsewhere. (Engine load also
     * rests at full load, where it saturates.)
     */
    private static final List<String> NONZERO_STDS = List.of("fuelRate");

    private static final double MS_PER_MIN = 60_000;

    /** The speed sensor's stuck-run feature. */
    private static final String SPEED_RUN = "speedKmh" + StuckSensors.SUFFIX;

    /** A reading above this is not resting at zero. */
    private static final double NOT_ZERO = 0.5;

    private final RuleLimits limits;

    public PhysicalRules(RuleLimits limits) {
        this.limits = limits;
    }

    public RuleLimits limits() {
        return limits;
    }

    /** The rules {@code v} breaks; {@code modelVersion} is recorded on each finding. */
    public List<Finding> check(FeatureVector v, long modelVersion) {
        List<Finding> out = new ArrayList<>(2);
        double coolant = v.getCoolantTempMax();
        if (coolant > limits.coolantWarnC()) {
            Severity s = coolant > limits.coolantCriticalC() ? Severity.CRITICAL : Severity.WARNING;
            out.add(
                    rule(
                            ENGINE_OVERHEATING,
                            s,
                            coolant,
                            limits.coolantWarnC(),
                            modelVersion,
                            List.of(
                                    limit("coolantTempMax", coolant, limits.coolantWarnC()),
                                    info("coolantTrendCPerMin", v.getCoolantTrendCPerMin()))));
        }
        if (limits.harshBrakeMps2() > 0 && -v.getAccelerationMin() >= limits.harshBrakeMps2()) {
            // A real emergency stop takes speed off; an accelerometer that drifted does not.
            boolean slowed =
                    v.getSpeedMax() - v.getSpeedMin() >= HARSH_STOP_SPEED_DROP_KMH
                            && SpeedCheck.decelerationConfirmed(v);
            out.add(
                    rule(
                            slowed ? HARSH_BRAKING : SENSOR_DRIFT,
                            Severity.WARNING,
                            -v.getAccelerationMin(),
                            limits.harshBrakeMps2(),
                            modelVersion,
                            List.of(
                                    new Contribution(
                                            "accelerationMin",
                                            v.getAccelerationMin(),
                                            -limits.harshBrakeMps2(),
                                            1),
                                    info("speedMax", v.getSpeedMax()))));
        }
        // A stuck speed sensor says nothing about how fast the vehicle went.
        String run = StuckSensors.find(v, limits.stuckMinSeconds());
        String atRest = run == null ? StuckAtRest.find(v) : null;
        boolean speedStuck = SPEED_RUN.equals(run) || "speedMax".equals(atRest);
        if (!speedStuck && !limitReported(v) && v.getSpeedMax() >= limits.overSpeedKmh()) {
            // The odometer must have covered the distance the speed claims, else the speed sensor
            // drifted.
            out.add(
                    rule(
                            SpeedCheck.odometerAgrees(v) ? OVER_SPEEDING : SENSOR_DRIFT,
                            Severity.WARNING,
                            v.getSpeedMax(),
                            limits.overSpeedKmh(),
                            modelVersion,
                            List.of(
                                    limit("speedMax", v.getSpeedMax(), limits.overSpeedKmh()),
                                    info("overSpeedSeconds", v.getOverSpeedSeconds()))));
        }
        List<Contribution> speeding = speedStuck ? null : SpeedLimitRule.find(v);
        if (speeding != null) {
            // Beyond the posted limit: the odometer must agree, else the speed sensor drifted.
            Contribution c = speeding.get(0);
            out.add(
                    rule(
                            SpeedCheck.odometerAgrees(v) ? OVER_SPEEDING : SENSOR_DRIFT,
                            Severity.WARNING,
                            c.value(),
                            c.expected(),
                            modelVersion,
                            speeding));
        }
        if (v.getGpsJumpKm() >= limits.gpsJumpKm()) {
            out.add(
                    rule(
                            GPS_JUMP,
                            Severity.WARNING,
                            v.getGpsJumpKm(),
                            limits.gpsJumpKm(),
                            modelVersion,
                            List.of(limit("gpsJumpKm", v.getGpsJumpKm(), limits.gpsJumpKm()))));
        }
        if (run != null) {
            double seconds = StuckSensors.seconds(v, run);
            out.add(
                    rule(
                            SENSOR_STUCK,
                            Severity.WARNING,
                            seconds,
                            limits.stuckMinSeconds(),
                            modelVersion,
                            List.of(
                                    limit(run, seconds, limits.stuckMinSeconds()),
                                    info("speedMean", v.getSpeedMean()))));
        } else if (atRest != null) {
            out.add(
                    stuck(
                            modelVersion,
                            limit(atRest, StuckAtRest.value(v, atRest), 0),
                            info("accelerationMin", v.getAccelerationMin()),
                            info("distanceKm", v.getDistanceKm()),
                            info("engineRpmMin", v.getEngineRpmMin())));
        } else {
            String flat = stuckSensor(v);
            if (flat != null) {
                out.add(
                        stuck(
                                modelVersion,
                                limit(flat, 0, 0),
                                info("eventCount", v.getEventCount()),
                                info("engineRpmMean", v.getEngineRpmMean())));
            }
        }
        List<Contribution> drift = DriftRules.find(v);
        if (drift == null && out.stream().noneMatch(PhysicalRules::explainsInconsistency)) {
            drift = ConsistencyDrift.find(v);
        }
        if (drift != null) {
            Contribution c = drift.get(0);
            Finding f =
                    rule(
                            SENSOR_DRIFT,
                            Severity.WARNING,
                            c.value(),
                            c.expected(),
                            modelVersion,
                            drift);
            f.needsConfirmation = true; // a slow fault: a second window costs little
            f.confirmSameFeature = true; // ... of the same sensor
            out.add(f);
        }
        Double perLitre = v.getFuelDropPerLitreUsed();
        double drop = v.getFuelLevelDropPct();
        if (perLitre != null
                && perLitre >= limits.fuelDropPerLitre()
                && drop >= limits.fuelLeakMinDropPct()) {
            out.add(
                    rule(
                            FUEL_LEAK,
                            Severity.CRITICAL,
                            perLitre,
                            limits.fuelDropPerLitre(),
                            modelVersion,
                            List.of(
                                    limit(
                                            "fuelDropPerLitreUsed",
                                            perLitre,
                                            limits.fuelDropPerLitre()),
                                    info("fuelLevelDropPct", drop),
                                    info("fuelUsedL", v.getFuelUsedL()))));
        } else if (v.getDistanceKm() <= limits.parkedKm() && drop >= limits.fuelLeakMinDropPct()) {
            // Standing: the engine burns (almost) nothing, so any fall of the observed level is
            // fuel leaving the tank; siphoning is an order of magnitude faster than a leak.
            double perMin = drop * MS_PER_MIN / Math.max(1, v.getWindowEnd() - v.getWindowStart());
            boolean theft = perMin >= limits.theftDropPctPerMin();
            out.add(
                    rule(
                            theft ? FUEL_THEFT : FUEL_LEAK,
                            Severity.CRITICAL,
                            perMin,
                            limits.theftDropPctPerMin(),
                            modelVersion,
                            List.of(
                                    new Contribution(
                                            "fuelLevelDropPct",
                                            drop,
                                            limits.theftDropPctPerMin()
                                                    * (v.getWindowEnd() - v.getWindowStart())
                                                    / MS_PER_MIN,
                                            1),
                                    info("distanceKm", v.getDistanceKm()))));
        }
        return out;
    }

    /**
     * The first engine-driven sensor whose standard deviation over the window is exactly zero while
     * the engine runs and the window holds enough events, or null. Real readings carry noise; only
     * a stuck sensor repeats one value. (Throttle and brake legitimately hold still; load and fuel
     * rate rest at exactly zero when coasting; speed and acceleration only count moving.)
     */
    private String stuckSensor(FeatureVector v) {
        if (limits.stuckMinEvents() <= 0
                || v.getEventCount() < limits.stuckMinEvents()
                || v.getEngineRpmMean() < ENGINE_RUNNING_RPM) {
            return null;
        }
        boolean moving = v.getSpeedMean() >= MOVING_KMH;
        for (String std : ENGINE_DRIVEN_STDS) {
            if (((Number) v.get(std)).doubleValue() == 0) {
                return std;
            }
        }
        for (String sensor : NONZERO_STDS) {
            if (((Number) v.get(sensor + "Std")).doubleValue() == 0
                    && ((Number) v.get(sensor + "Mean")).doubleValue() > NOT_ZERO) {
                return sensor + "Std";
            }
        }
        if (moving && (v.getSpeedStd() == 0 || v.getAccelerationStd() == 0)) {
            return v.getSpeedStd() == 0 ? "speedStd" : "accelerationStd";
        }
        return null;
    }

    /**
     * True when the window's measured speeds were compared with a posted limit the vehicle
     * reported. Then {@link SpeedLimitRule} judges the speed on measured readings alone; the
     * window's maximum speed also holds imputed readings, and an imputed speed is a guess (on seed
     * 7 of {@code fleet eval detection}, imputed peaks of 150-155 km/h on roads limited to 80-120
     * km/h, where the measured speeds stayed within 1.07 x the limit, raised five false
     * OVER_SPEEDING alerts). Without a reported limit the absolute {@link
     * RuleLimits#overSpeedKmh()} applies.
     */
    private static boolean limitReported(FeatureVector v) {
        Double ratio = v.getSpeedLimitRatioMax();
        return ratio != null && ratio > 0;
    }

    /**
     * A stuck sensor or an overheating engine makes the sensors disagree too: the finding already
     * explains the inconsistency, which is then no drift.
     */
    private static boolean explainsInconsistency(Finding f) {
        return f.kind.equals(SENSOR_STUCK) || f.kind.equals(ENGINE_OVERHEATING);
    }

    /** A stuck sensor judged by a condition rather than a measured run: no score or limit. */
    private static Finding stuck(long modelVersion, Contribution... explanation) {
        return rule(SENSOR_STUCK, Severity.WARNING, 0, 0, modelVersion, List.of(explanation));
    }

    private static Finding rule(
            String kind,
            Severity severity,
            double value,
            double limit,
            long modelVersion,
            List<Contribution> explanation) {
        Finding f =
                new Finding(
                        kind,
                        Finding.RULE,
                        severity,
                        value,
                        limit,
                        null,
                        modelVersion,
                        explanation);
        // The fuel level is read through a sloshing, noisy sensor: one window can mislead.
        f.needsConfirmation = kind.equals(FUEL_LEAK) || kind.equals(FUEL_THEFT);
        return f;
    }

    /** The feature the rule checked: all of the decision. */
    private static Contribution limit(String feature, double value, double limit) {
        return new Contribution(feature, value, limit, 1);
    }

    /** Context for a person reading the alert; no part of the decision. */
    private static Contribution info(String feature, double value) {
        return new Contribution(feature, value, Double.NaN, 0);
    }
}
