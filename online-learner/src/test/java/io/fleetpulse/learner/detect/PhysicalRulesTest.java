package io.fleetpulse.learner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalRulesTest {

    private final PhysicalRules rules = new PhysicalRules(RuleLimits.DEFAULTS);
    private final SyntheticFeatures data = new SyntheticFeatures(1, 5);

    private FeatureVector normal() {
        FeatureVector v = data.next();
        v.setSpeedMean(60.0);
        v.setDistanceKm(0.17);
        v.setFuelUsedL(0.02);
        v.setFuelLevelDropPct(0.005);
        v.setFuelDropPerLitreUsed(0.25);
        return v;
    }

    /** A 10 s window at 150 km/h (peak 152) in which the odometer counted {@code km}. */
    private FeatureVector speeding(double km) {
        FeatureVector v = normal();
        v.setWindowStart(0L);
        v.setLastEventTime(9_000L);
        v.setWindowEnd(10_000L);
        v.setSpeedMean(150.0);
        v.setSpeedMax(152.0);
        v.setDistanceKm(km);
        return v;
    }

    private Finding only(FeatureVector v) {
        List<Finding> found = rules.check(v, 7);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).source).isEqualTo(Finding.RULE);
        assertThat(found.get(0).modelVersion).isEqualTo(7);
        return found.get(0);
    }

    @Test
    void normalDrivingBreaksNoRule() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(rules.check(data.next(), 1)).isEmpty();
        }
    }

    @Test
    void eachRuleNamesItsKindSeverityAndFeature() {
        FeatureVector hot = normal();
        hot.setCoolantTempMax(112.0);
        Finding f = only(hot);
        assertThat(f.kind).isEqualTo(PhysicalRules.ENGINE_OVERHEATING);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.features).startsWith("coolantTempMax");
        assertThat(f.expected[0]).isEqualTo(110);
        hot.setCoolantTempMax(120.0);
        assertThat(only(hot).severity()).isEqualTo(Severity.CRITICAL);

        FeatureVector brake = normal();
        brake.setAccelerationMin(-6.5);
        brake.setSpeedMax(60.0);
        brake.setSpeedMin(30.0);
        Finding b = only(brake);
        assertThat(b.kind).isEqualTo(PhysicalRules.HARSH_BRAKING);
        assertThat(b.features).startsWith("accelerationMin");

        FeatureVector fast = speeding(0.37); // 150 km/h over 9 s: the odometer agrees
        Finding o = only(fast);
        assertThat(o.kind).isEqualTo(PhysicalRules.OVER_SPEEDING);
        assertThat(o.features).startsWith("speedMax");

        FeatureVector jump = normal();
        jump.setGpsJumpKm(12.0);
        assertThat(only(jump).kind).isEqualTo(PhysicalRules.GPS_JUMP);

        FeatureVector stuck = normal();
        stuck.setOilPressureStd(0.0);
        Finding s = only(stuck);
        assertThat(s.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(s.features).startsWith("oilPressureStd");
        FeatureVector idle = normal();
        idle.setOilPressureStd(0.0);
        idle.setEngineRpmMean(0.0); // engine off: a flat reading is no fault
        assertThat(rules.check(idle, 7)).isEmpty();

        FeatureVector leak = normal();
        leak.setFuelLevelDropPct(0.2);
        leak.setFuelDropPerLitreUsed(10.0);
        Finding l = only(leak);
        assertThat(l.kind).isEqualTo(PhysicalRules.FUEL_LEAK);
        assertThat(l.severity()).isEqualTo(Severity.CRITICAL);

        FeatureVector theft = normal();
        theft.setDistanceKm(0.0);
        theft.setFuelUsedL(0.0);
        theft.setFuelDropPerLitreUsed(null);
        theft.setFuelLevelDropPct(9.0);
        Finding t = only(theft);
        assertThat(t.kind).isEqualTo(PhysicalRules.FUEL_THEFT);
        // Fuel-level rules read a noisy sensor: they wait for a confirming window; others do not.
        assertThat(t.needsConfirmation).isTrue();
        assertThat(l.needsConfirmation).isTrue();
        assertThat(b.needsConfirmation).isFalse();
    }

    @Test
    void aSensorRepeatingOneObservedValueWhileMovingIsStuck() {
        FeatureVector v = normal();
        v.setTyrePressureKpaStuckSeconds(4.0);
        assertThat(rules.check(v, 7)).isEmpty(); // under the limit: chance repeats are short
        v.setTyrePressureKpaStuckSeconds(9.0);
        Finding f = only(v);
        assertThat(f.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(f.features).startsWith("tyrePressureKpaStuckSeconds");
        assertThat(f.score).isEqualTo(9.0);

        FeatureVector pad = normal();
        pad.setBrakePadMmStuckSeconds(60.0); // pads wear only under braking: holding is normal
        assertThat(rules.check(pad, 7)).isEmpty();

        FeatureVector coasting = normal();
        coasting.setWindowStart(0L);
        coasting.setWindowEnd(10_000L);
        coasting.setFuelLevelPctStuckSeconds(9.0);
        coasting.setFuelUsedL(0.0); // fuel cut-off: nothing burnt, the level holds
        coasting.setFuelDropPerLitreUsed(null);
        assertThat(rules.check(coasting, 7)).isEmpty();
        coasting.setFuelUsedL(0.03);
        assertThat(only(coasting).features).startsWith("fuelLevelPctStuckSeconds");
    }

    @Test
    void fuelLeavingAStandingVehicleIsTheftWhenFastAndALeakWhenSlow() {
        FeatureVector standing = normal();
        standing.setWindowStart(0L);
        standing.setWindowEnd(10_000L);
        standing.setDistanceKm(0.0);
        standing.setFuelUsedL(0.0);
        standing.setFuelDropPerLitreUsed(null);
        standing.setFuelLevelDropPct(0.05);
        assertThat(rules.check(standing, 7)).isEmpty(); // under the least drop that counts

        standing.setFuelLevelDropPct(0.3); // 1.8 %/min: a leak
        assertThat(only(standing).kind).isEqualTo(PhysicalRules.FUEL_LEAK);
        standing.setFuelLevelDropPct(3.0); // 18 %/min: siphoning
        assertThat(only(standing).kind).isEqualTo(PhysicalRules.FUEL_THEFT);
        standing.setWindowEnd(60_000L); // the same drop over a minute: a leak again
        assertThat(only(standing).kind).isEqualTo(PhysicalRules.FUEL_LEAK);
    }

    @Test
    void physicsExposesSomeDrift() {
        FeatureVector battery = normal();
        battery.setBatteryVoltageMean(16.2); // no alternator regulates to this
        Finding b = only(battery);
        assertThat(b.kind).isEqualTo(PhysicalRules.SENSOR_DRIFT);
        assertThat(b.features).startsWith("batteryVoltageMean");
        assertThat(b.needsConfirmation).isTrue();

        FeatureVector rising = normal();
        rising.setSpeedMin(40.0);
        rising.setFuelLevelDropPct(-0.3); // the level rises while driving without a stop
        rising.setFuelDropPerLitreUsed(null);
        assertThat(only(rising).features).startsWith("fuelLevelDropPct");
        rising.setSpeedMin(0.0); // it stopped: maybe at a pump
        assertThat(rules.check(rising, 7)).isEmpty();
    }

    @Test
    void readingsPhysicsContradictsAreDriftNotDriving() {
        FeatureVector fast = speeding(0.28); // the odometer saw 112 km/h: the sensor reads high
        assertThat(only(fast).kind).isEqualTo(PhysicalRules.SENSOR_DRIFT);

        FeatureVector brake = normal();
        brake.setAccelerationMin(-6.5);
        brake.setSpeedMax(101.0);
        brake.setSpeedMin(99.0); // no speed lost: the accelerometer drifted
        assertThat(only(brake).kind).isEqualTo(PhysicalRules.SENSOR_DRIFT);
    }

    /** A 10 s window at about 70 km/h whose measured speed was over a 50 zone's limit so long. */
    private FeatureVector overTheLimit(double seconds, double ratio) {
        FeatureVector v = normal();
        v.setWindowStart(0L);
        v.setLastEventTime(9_000L);
        v.setWindowEnd(10_000L);
        v.setSpeedMean(70.0);
        v.setSpeedMax(ratio * 50);
        v.setDistanceKm(70.0 * 9 / 3600);
        v.setOverLimitSeconds(seconds);
        v.setSpeedLimitRatioMax(ratio);
        v.setEventCount(10); // 1 Hz
        return v;
    }

    @Test
    void oneReadingOverTheLimitIsNoSpeedingHoweverLongTheVehicleWaitsToReportAgain() {
        // Every 5 s (0.2 Hz): one reading at 1.4 x the limit counts 5 s over it.
        FeatureVector sparse = overTheLimit(5, 1.4);
        sparse.setEventCount(2);
        assertThat(rules.check(sparse, 7)).isEmpty();
        // Three such readings in a minute are.
        FeatureVector minute = overTheLimit(15, 1.4);
        minute.setWindowEnd(60_000L);
        minute.setLastEventTime(55_000L);
        minute.setEventCount(12);
        minute.setDistanceKm(70.0 * 55 / 3600); // the odometer agrees with a minute's speed
        assertThat(only(minute).kind).isEqualTo(PhysicalRules.OVER_SPEEDING);
        // At 1 Hz five readings over the limit are five seconds: speeding, as before.
        assertThat(only(overTheLimit(5, 1.4)).kind).isEqualTo(PhysicalRules.OVER_SPEEDING);
    }

    @Test
    void speedingBeyondThePostedLimitIsOverSpeeding() {
        Finding f = only(overTheLimit(8, 1.4));
        assertThat(f.kind).isEqualTo(PhysicalRules.OVER_SPEEDING);
        assertThat(f.features).startsWith("overLimitSeconds");

        // Within the tolerance's noise, or only a moment over: nothing.
        assertThat(rules.check(overTheLimit(9, 1.15), 7)).isEmpty();
        assertThat(rules.check(overTheLimit(2, 1.4), 7)).isEmpty();
        // A producer before FeatureVector v3: no limit known, no finding.
        FeatureVector old = overTheLimit(8, 1.4);
        old.setOverLimitSeconds(null);
        old.setSpeedLimitRatioMax(null);
        assertThat(rules.check(old, 7)).isEmpty();

        // The odometer covered far less than the speed claims: the speed sensor reads high.
        FeatureVector drifted = overTheLimit(8, 1.4);
        drifted.setDistanceKm(0.1);
        assertThat(only(drifted).kind).isEqualTo(PhysicalRules.SENSOR_DRIFT);
    }

    @Test
    void whereALimitWasReportedOnlyMeasuredSpeedsCanBeOverSpeeding() {
        // A peak of 152 km/h in the window (it may be imputed) while the measured speeds stayed
        // within 1.07 x a 120 zone's limit: no finding.
        FeatureVector imputedPeak = speeding(0.37);
        imputedPeak.setOverLimitSeconds(0.0);
        imputedPeak.setSpeedLimitRatioMax(1.07);
        assertThat(rules.check(imputedPeak, 7)).isEmpty();

        // The same window without a reported limit: the absolute limit judges it.
        FeatureVector noLimit = speeding(0.37);
        noLimit.setOverLimitSeconds(0.0);
        noLimit.setSpeedLimitRatioMax(0.0);
        assertThat(only(noLimit).kind).isEqualTo(PhysicalRules.OVER_SPEEDING);

        // Measured speeds far over the reported limit: over-speeding, explained by the limit.
        FeatureVector measured = speeding(0.37);
        measured.setOverLimitSeconds(9.0);
        measured.setSpeedLimitRatioMax(1.27);
        Finding f = only(measured);
        assertThat(f.kind).isEqualTo(PhysicalRules.OVER_SPEEDING);
        assertThat(f.features).startsWith("overLimitSeconds");
    }

    @Test
    void aPersistentConsistencyShiftIsDrift() {
        FeatureVector v = normal();
        v.setWindowKind(ConsistencyDrift.WINDOW_KIND);
        for (String sensor : ConsistencyDrift.LIMITS.keySet()) {
            v.put(sensor + ConsistencyDrift.SUFFIX, 1.0);
        }
        assertThat(rules.check(v, 7)).isEmpty();

        double limit = ConsistencyDrift.LIMITS.get("ambientTempC");
        v.setAmbientTempCResidualShift(-1.5 * limit);
        Finding f = only(v);
        assertThat(f.kind).isEqualTo(PhysicalRules.SENSOR_DRIFT);
        assertThat(f.features).startsWith("ambientTempCResidualShift");
        assertThat(f.expected[0]).isEqualTo(-limit);
        assertThat(f.needsConfirmation).isTrue();

        FeatureVector tenSeconds =
                FeatureVector.newBuilder(v).setWindowKind("TUMBLING_10S").build();
        assertThat(rules.check(tenSeconds, 7)).isEmpty(); // a minute is judged, not 10 s

        v.setCoolantTempMax(115.0); // overheating explains the disagreement: no drift besides
        assertThat(only(v).kind).isEqualTo(PhysicalRules.ENGINE_OVERHEATING);

        // The fuel level jumps at a pump: its shift is not judged.
        FeatureVector refuelled = normal();
        refuelled.setWindowKind(ConsistencyDrift.WINDOW_KIND);
        for (String sensor : ConsistencyDrift.LIMITS.keySet()) {
            refuelled.put(sensor + ConsistencyDrift.SUFFIX, 0.0);
        }
        refuelled.setFuelLevelPctResidualShift(100.0);
        assertThat(rules.check(refuelled, 7)).isEmpty();
    }

    /** A 10 s window braking from 60 to {@code toKmh} at up to {@code mps2}, brakes at zero. */
    private FeatureVector brakingWithoutPressure(double mps2, double toKmh) {
        FeatureVector v = normal();
        v.setWindowStart(0L);
        v.setLastEventTime(9_000L);
        v.setWindowEnd(10_000L);
        v.setAccelerationMin(-mps2);
        v.setSpeedMax(60.0);
        v.setSpeedMin(toKmh);
        v.setSpeedMean((60.0 + toKmh) / 2);
        v.setDistanceKm(v.getSpeedMean() * 9 / 3600);
        v.setBrakePressureMax(0.0);
        return v;
    }

    @Test
    void aSensorFrozenAtARestValueIsStuckWhenTheRestOfTheMotionContradictsIt() {
        // Slowing by 2.5 m/s² (confirmed: 30 km/h lost) with no brake pressure at all.
        Finding brake = only(brakingWithoutPressure(2.5, 30));
        assertThat(brake.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(brake.features).startsWith("brakePressureMax");
        // Coasting (drag and engine braking) needs no brakes.
        assertThat(rules.check(brakingWithoutPressure(1.0, 57), 7)).isEmpty();
        // The accelerometer claims a deceleration the speed does not show: no brake verdict.
        assertThat(rules.check(brakingWithoutPressure(2.5, 58), 7))
                .noneMatch(f -> f.kind.equals(PhysicalRules.SENSOR_STUCK));

        // Speed at exactly zero while the odometer counted 0.1 km in 10 s and the engine pulled.
        FeatureVector speed = normal();
        speed.setWindowStart(0L);
        speed.setWindowEnd(10_000L);
        speed.setSpeedMean(0.0);
        speed.setSpeedMax(0.0);
        speed.setSpeedMin(0.0);
        speed.setSpeedStd(0.0);
        speed.setEngineRpmMin(1_400.0);
        speed.setDistanceKm(0.1);
        Finding s = only(speed);
        assertThat(s.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(s.features).startsWith("speedMax");
        speed.setEngineRpmMin(780.0); // idling: the odometer alone is no proof of motion
        assertThat(rules.check(speed, 7)).isEmpty();

        // The odometer frozen for a whole minute at 40 km/h with the engine above idle.
        FeatureVector odometer = normal();
        odometer.setWindowKind("SLIDING_60S");
        odometer.setWindowStart(0L);
        odometer.setWindowEnd(60_000L);
        odometer.setSpeedMean(40.0);
        odometer.setEngineRpmMin(1_300.0);
        odometer.setDistanceKm(0.0);
        odometer.setOdometerKmStuckSeconds(59.0);
        Finding o = only(odometer);
        assertThat(o.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(o.features).startsWith("odometerKmStuckSeconds");
        odometer.setOdometerKmStuckSeconds(45.0); // a pause between counts, not a frozen counter
        assertThat(rules.check(odometer, 7)).isEmpty();
    }

    @Test
    void aStuckSpeedSensorRaisesNoSpeedingAlert() {
        FeatureVector v = overTheLimit(9, 1.6);
        v.setSpeedKmhStuckSeconds(9.0);
        Finding f = only(v);
        assertThat(f.kind).isEqualTo(PhysicalRules.SENSOR_STUCK);
        assertThat(f.features).startsWith("speedKmhStuckSeconds");
    }
}
