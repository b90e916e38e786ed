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
        Finding b = only(brake);
        assertThat(b.kind).isEqualTo(PhysicalRules.HARSH_BRAKING);
        assertThat(b.features).startsWith("accelerationMin");

        FeatureVector fast = normal();
        fast.setSpeedMax(152.0);
        assertThat(only(fast).features).startsWith("speedMax");

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
}
