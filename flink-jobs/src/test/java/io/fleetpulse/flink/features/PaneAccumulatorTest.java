package io.fleetpulse.flink.features;

import static io.fleetpulse.flink.features.ImputedEvents.BEGINNING;
import static io.fleetpulse.flink.features.ImputedEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaneAccumulatorTest {

    private static final long STEP = 200;

    private static PaneAccumulator cruise(long from, long to) {
        PaneAccumulator a = new PaneAccumulator();
        for (long t = from; t < to; t += STEP) {
            a.add(at(t, Map.of()));
        }
        return a;
    }

    private static FeatureVector features(PaneAccumulator a) {
        return FeatureSchema.toFeatures(
                "V1", BEGINNING, BEGINNING + 10_000, FeatureSchema.TUMBLING_10S, a, 0);
    }

    @Test
    void summarisesACruise() {
        FeatureVector f = features(cruise(BEGINNING, BEGINNING + 10_000));
        assertThat(f.getEventCount()).isEqualTo(50);
        assertThat(f.getSpeedMean()).isCloseTo(36.0, within(1e-9));
        assertThat(f.getSpeedStd()).isCloseTo(0.0, within(1e-6));
        assertThat(f.getEngineRpmMin()).isEqualTo(1500.0);
        assertThat(f.getEngineRpmMax()).isCloseTo(1501.8, within(1e-9));
        // 9.8 s between first and last event at 36 km/h, from the odometer: 0.098 km.
        assertThat(f.getDistanceKm()).isCloseTo(0.098, within(1e-6));
        assertThat(f.getFuelUsedL()).isCloseTo(10.0 * 9.8 / 3600, within(1e-9));
        assertThat(f.getFuelEfficiencyL100km())
                .isCloseTo(100 * (10.0 * 9.8 / 3600) / 0.098, within(1e-6));
        assertThat(f.getHarshBrakeCount()).isZero();
        assertThat(f.getOverSpeedSeconds()).isZero();
        assertThat(f.getIdleRatio()).isZero();
        assertThat(f.getFuelLevelDropPct()).isCloseTo(0.0098, within(1e-9));
        assertThat(f.getGpsJumpKm()).isZero();
        assertThat(f.getImputedShare()).isZero();
        assertThat(f.getMaxStuckSeconds())
                .isCloseTo(9.8, within(1e-9)); // speed is constant in this fixture
        assertThat(f.getSpeedKmhStuckSeconds()).isCloseTo(9.8, within(1e-9));
        assertThat(f.getEngineRpmStuckSeconds()).isZero();
        assertThat(f.getOilPressureKpaStuckSeconds()).isZero();
    }

    @Test
    void everySensorHasItsOwnStuckRun() {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < 50; i++) {
            // Speed varies; oil pressure repeats one value for the first 3 s only.
            double oil = i < 16 ? 250.0 : 250.0 + i;
            a.add(
                    at(
                            BEGINNING + i * STEP,
                            Map.of(Sensor.SPEED, 40.0 + i * 0.1, Sensor.OIL_PRESSURE, oil)));
        }
        FeatureVector f = features(a);
        assertThat(f.getSpeedKmhStuckSeconds()).isZero();
        assertThat(f.getOilPressureKpaStuckSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(f.getMaxStuckSeconds()).isCloseTo(3.0, within(1e-9));
        for (Sensor s : Sensor.ALL) {
            assertThat(f.get(s.field() + FeatureSchema.STUCK_SUFFIX)).as(s.field()).isNotNull();
        }
    }

    @Test
    void anImputedFuelLevelIsNeverReadAsADrop() {
        PaneAccumulator a = new PaneAccumulator();
        double[] level = {50, 49.9, 48.5, 49.8};
        for (int i = 0; i < level.length; i++) {
            ImputedTelemetry e = at(BEGINNING + i * STEP, Map.of(Sensor.FUEL_LEVEL, level[i]));
            a.add(i == 2 ? ImputedEvents.imputed(e, Sensor.FUEL_LEVEL) : e);
        }
        // Observed 50 -> 49.9 -> 49.8: the imputed 48.5 neither drops 1.4 nor refills 1.3.
        assertThat(features(a).getFuelLevelDropPct()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void anImputedPositionIsNoGpsJump() {
        PaneAccumulator a = new PaneAccumulator();
        a.add(at(BEGINNING, Map.of()));
        a.add(
                ImputedEvents.imputed(
                        at(BEGINNING + STEP, Map.of(Sensor.LATITUDE, 52.1)), Sensor.LATITUDE));
        a.add(at(BEGINNING + 2 * STEP, Map.of()));
        assertThat(features(a).getGpsJumpKm()).isZero();
    }

    @Test
    void countsHarshBrakingOnsetsNotSamples() {
        PaneAccumulator a = new PaneAccumulator();
        long t = BEGINNING;
        double[] accel = {0, -4, -5, -4, 0, 0, -3.6, 0, 3.5, 3.2};
        for (double x : accel) {
            a.add(at(t, Map.of(Sensor.ACCELERATION, x)));
            t += STEP;
        }
        FeatureVector f = features(a);
        assertThat(f.getHarshBrakeCount()).isEqualTo(2);
        assertThat(f.getHarshAccelCount()).isEqualTo(1);
        assertThat(f.getAccelerationMin()).isEqualTo(-5.0);
        assertThat(f.getJerkMax()).isCloseTo(4 / 0.2, within(1e-9));
    }

    @Test
    void measuresOverSpeedIdleAndCoolantTrend() {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < 50; i++) {
            long t = BEGINNING + i * STEP;
            double speed = i < 25 ? 130 : 0;
            a.add(at(t, Map.of(Sensor.SPEED, speed, Sensor.COOLANT_TEMP, 90 + 0.1 * i)));
        }
        FeatureVector f = features(a);
        assertThat(f.getOverSpeedSeconds()).isCloseTo(24 * 0.2, within(1e-9));
        assertThat(f.getIdleRatio()).isCloseTo(24.0 / 49, within(1e-9));
        assertThat(f.getCoolantTrendCPerMin()).isCloseTo(0.1 / 0.2 * 60, within(1e-6));
    }

    @Test
    void refuelIsNotAFuelDropAndALeakIsFarAboveConsumption() {
        PaneAccumulator a = new PaneAccumulator();
        double[] level = {50, 49.9, 49.8, 80, 79.9, 79.8};
        for (int i = 0; i < level.length; i++) {
            a.add(at(BEGINNING + i * STEP, Map.of(Sensor.FUEL_LEVEL, level[i])));
        }
        FeatureVector f = features(a);
        assertThat(f.getFuelLevelDropPct()).isCloseTo(0.4, within(1e-9));
        assertThat(f.getFuelDropPerLitreUsed()).isNull(); // 1 s at 10 L/h is under the minimum fuel
    }

    @Test
    void flagsGpsJumpsBeyondWhatSpeedExplains() {
        PaneAccumulator a = new PaneAccumulator();
        a.add(at(BEGINNING, Map.of()));
        a.add(at(BEGINNING + STEP, Map.of(Sensor.LATITUDE, 52.1))); // ~11 km north in 0.2 s
        assertThat(features(a).getGpsJumpKm()).isCloseTo(11.1, within(0.1));
    }

    @Test
    void mergingConsecutivePanesMatchesOneAccumulatorForAdditiveFeatures() {
        PaneAccumulator whole = cruise(BEGINNING, BEGINNING + 20_000);
        PaneAccumulator first = cruise(BEGINNING, BEGINNING + 10_000);
        first.merge(cruise(BEGINNING + 10_000, BEGINNING + 20_000));
        FeatureVector w = features(whole);
        FeatureVector m = features(first);
        assertThat(m.getEventCount()).isEqualTo(w.getEventCount());
        assertThat(m.getSpeedMean()).isEqualTo(w.getSpeedMean());
        assertThat(m.getEngineRpmMax()).isEqualTo(w.getEngineRpmMax());
        assertThat(m.getDistanceKm()).isCloseTo(w.getDistanceKm(), within(1e-9)); // odometer-based
        assertThat(m.getCoolantTrendCPerMin()).isCloseTo(w.getCoolantTrendCPerMin(), within(1e-9));
        // The step across the pane boundary is not integrated: one 0.2 s step less.
        assertThat(m.getFuelUsedL()).isCloseTo(w.getFuelUsedL() - 10.0 * 0.2 / 3600, within(1e-9));
        // The constant speed forms one stuck run across both panes.
        assertThat(m.getMaxStuckSeconds()).isCloseTo(w.getMaxStuckSeconds(), within(1e-9));
        assertThat(m.getSpeedKmhStuckSeconds()).isCloseTo(19.8, within(1e-9));
    }

    @Test
    void zeroReadingsAreNotStuckSensors() {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < 10; i++) {
            a.add(
                    at(
                            BEGINNING + i * STEP,
                            Map.of(Sensor.SPEED, 50.0 + i, Sensor.BRAKE_PRESSURE, 0.0)));
        }
        assertThat(features(a).getMaxStuckSeconds()).isZero();
    }

    @Test
    void imputedValuesCountTowardsTheShareButNotStuckRuns() {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < 10; i++) {
            a.add(
                    ImputedEvents.imputed(
                            at(BEGINNING + i * STEP, Map.of(Sensor.SPEED, 50.0)), Sensor.SPEED));
        }
        FeatureVector f = features(a);
        assertThat(f.getImputedShare()).isCloseTo(1.0 / Sensor.ALL.size(), within(1e-9));
        assertThat(f.getMaxStuckSeconds())
                .isZero(); // the same speed, but imputed: not a stuck sensor
    }

    @Test
    void measuresMeasuredSpeedAgainstTheReportedLimit() {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < 50; i++) {
            long t = BEGINNING + i * STEP;
            ImputedTelemetry e = at(t, Map.of(Sensor.SPEED, i < 20 ? 70.0 : 50.0));
            if (i % 10 != 5) { // some messages without a limit: the previous one holds
                e.setRoadSpeedLimitKmh(50.0);
            }
            a.add(
                    i >= 40
                            ? ImputedEvents.imputed(at(t, Map.of(Sensor.SPEED, 90.0)), Sensor.SPEED)
                            : e);
        }
        FeatureVector f = features(a);
        // 70 km/h in a 50 zone (> 55) for the steps to the 2nd..20th event; the imputed 90 km/h
        // readings at the end are no evidence.
        assertThat(f.getOverLimitSeconds()).isCloseTo(19 * 0.2, within(1e-9));
        assertThat(f.getSpeedLimitRatioMax()).isCloseTo(70.0 / 50, within(1e-9));
    }

    @Test
    void averagesConsistencyShiftsPerSensorAndMergesThem() {
        double[] shifts = new double[Sensor.ALL.size()];
        java.util.Arrays.fill(shifts, Double.NaN);
        PaneAccumulator first = new PaneAccumulator();
        PaneAccumulator second = new PaneAccumulator();
        for (int i = 0; i < 10; i++) {
            shifts[Sensor.TYRE_PRESSURE.ordinal()] = i;
            (i < 5 ? first : second).add(at(BEGINNING + i * STEP, Map.of()), shifts);
        }
        first.merge(second);
        FeatureVector f = features(first);
        assertThat(f.getTyrePressureKpaResidualShift()).isCloseTo(4.5, within(1e-9));
        assertThat(f.getSpeedKmhResidualShift()).isZero(); // no shift at all: 0
    }
}
