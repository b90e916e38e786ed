package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.Contribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Explicit physical rules on a feature window, so that obvious conditions are caught whatever the
 * models have learned: overheating coolant, harsh braking, over-speeding, GPS jumps, stuck sensors,
 * fuel leaving the tank faster than the engine burns it, fuel disappearing while parked. The kinds
 * are the simulator's anomaly kinds.
 */
public final class PhysicalRules {

    public static final String ENGINE_OVERHEATING = "ENGINE_OVERHEATING";
    public static final String HARSH_BRAKING = "HARSH_BRAKING";
    public static final String OVER_SPEEDING = "OVER_SPEEDING";
    public static final String GPS_JUMP = "GPS_JUMP";
    public static final String SENSOR_STUCK = "SENSOR_STUCK";
    public static final String FUEL_LEAK = "FUEL_LEAK";
    public static final String FUEL_THEFT = "FUEL_THEFT";

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
        if (limits.harshBrakes() > 0 && v.getHarshBrakeCount() >= limits.harshBrakes()) {
            out.add(
                    rule(
                            HARSH_BRAKING,
                            Severity.WARNING,
                            v.getHarshBrakeCount(),
                            limits.harshBrakes(),
                            modelVersion,
                            List.of(
                                    limit(
                                            "harshBrakeCount",
                                            v.getHarshBrakeCount(),
                                            limits.harshBrakes()),
                                    info("accelerationMin", v.getAccelerationMin()))));
        }
        if (v.getOverSpeedSeconds() >= limits.overSpeedSeconds()) {
            out.add(
                    rule(
                            OVER_SPEEDING,
                            Severity.WARNING,
                            v.getOverSpeedSeconds(),
                            limits.overSpeedSeconds(),
                            modelVersion,
                            List.of(
                                    limit(
                                            "overSpeedSeconds",
                                            v.getOverSpeedSeconds(),
                                            limits.overSpeedSeconds()),
                                    info("speedMax", v.getSpeedMax()))));
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
        if (v.getMaxStuckSeconds() >= limits.stuckSeconds()) {
            out.add(
                    rule(
                            SENSOR_STUCK,
                            Severity.WARNING,
                            v.getMaxStuckSeconds(),
                            limits.stuckSeconds(),
                            modelVersion,
                            List.of(
                                    limit(
                                            "maxStuckSeconds",
                                            v.getMaxStuckSeconds(),
                                            limits.stuckSeconds()))));
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
        } else if (v.getDistanceKm() <= limits.parkedKm() && drop >= limits.theftDropPct()) {
            out.add(
                    rule(
                            FUEL_THEFT,
                            Severity.CRITICAL,
                            drop,
                            limits.theftDropPct(),
                            modelVersion,
                            List.of(
                                    limit("fuelLevelDropPct", drop, limits.theftDropPct()),
                                    info("distanceKm", v.getDistanceKm()))));
        }
        return out;
    }

    private static Finding rule(
            String kind,
            Severity severity,
            double value,
            double limit,
            long modelVersion,
            List<Contribution> explanation) {
        return new Finding(
                kind, Finding.RULE, severity, value, limit, null, modelVersion, explanation);
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
