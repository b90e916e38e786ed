package io.fleetpulse.loadgen.sim;

import static io.fleetpulse.ingest.telemetry.Sensor.ACCELERATION;
import static io.fleetpulse.ingest.telemetry.Sensor.BATTERY_VOLTAGE;
import static io.fleetpulse.ingest.telemetry.Sensor.BRAKE_PAD;
import static io.fleetpulse.ingest.telemetry.Sensor.BRAKE_PRESSURE;
import static io.fleetpulse.ingest.telemetry.Sensor.COOLANT_TEMP;
import static io.fleetpulse.ingest.telemetry.Sensor.ENGINE_LOAD;
import static io.fleetpulse.ingest.telemetry.Sensor.ENGINE_RPM;
import static io.fleetpulse.ingest.telemetry.Sensor.FUEL_RATE;
import static io.fleetpulse.ingest.telemetry.Sensor.HEADING;
import static io.fleetpulse.ingest.telemetry.Sensor.LATITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.LONGITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.ODOMETER;
import static io.fleetpulse.ingest.telemetry.Sensor.OIL_PRESSURE;
import static io.fleetpulse.ingest.telemetry.Sensor.SPEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.physics.DriverStyle;
import io.fleetpulse.loadgen.physics.Powertrain;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.physics.VehicleParams;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sensors move together as in real vehicles. One clean run (no anomalies, nothing missing) of
 * 60 vehicles reporting at 1 Hz for two simulated hours.
 */
class SensorCorrelationTest {

    private static final int VEHICLES = 60;
    private static final int EVENTS = VEHICLES * 7200;
    private static SimRecording rec;

    @BeforeAll
    static void simulate() {
        rec = SimRecording.record(clean(VEHICLES, 1.0).withSeed(11), EVENTS);
    }

    static SimulationConfig clean(int vehicles, double hz) {
        return SimulationConfig.defaults(1_735_718_400_000L) // 2025-01-01T08:00 in Berlin
                .withVehicles(vehicles, vehicles * hz)
                .withAnomalies(AnomalyConfig.NONE)
                .withMissingness(MissingnessConfig.NONE);
    }

    private static double[] column(Sensor s, IntPredicate keep) {
        double[] out = new double[rec.n];
        for (int i = 0; i < rec.n; i++) {
            out[i] = keep.test(i) ? rec.reading(i, s) : Double.NaN;
        }
        return out;
    }

    private static boolean running(int i) {
        return rec.truth(i, ENGINE_RPM) > 0;
    }

    @Test
    void fuelRateRisesWithSpeedLoadAndAcceleration() {
        IntPredicate all = i -> true;
        double withSpeed = Stats.pearson(column(FUEL_RATE, all), column(SPEED, all));
        double withLoad = Stats.pearson(column(FUEL_RATE, all), column(ENGINE_LOAD, all));
        IntPredicate moving = i -> rec.truth(i, SPEED) > 5;
        double withAccel = Stats.pearson(column(FUEL_RATE, moving), column(ACCELERATION, moving));

        assertThat(withSpeed).as("corr(fuel rate, speed)").isGreaterThan(0.4);
        assertThat(withLoad).as("corr(fuel rate, engine load)").isGreaterThan(0.8);
        assertThat(withAccel).as("corr(fuel rate, acceleration) while moving").isGreaterThan(0.4);
    }

    @Test
    void coolantRunsHotterUnderLoad() {
        // Warm engines only: the thermostat holds them near 90 degC, a little higher when working.
        IntPredicate warm = i -> running(i) && rec.truth(i, COOLANT_TEMP) > 85;
        double low = mean(COOLANT_TEMP, i -> warm.test(i) && rec.truth(i, ENGINE_LOAD) < 20);
        double high = mean(COOLANT_TEMP, i -> warm.test(i) && rec.truth(i, ENGINE_LOAD) > 60);
        assertThat(high)
                .as("coolant at high load vs low load (%.2f)", low)
                .isGreaterThan(low + 1.0);
        double corr = Stats.pearson(column(COOLANT_TEMP, warm), column(ENGINE_LOAD, warm));
        assertThat(corr).as("corr(coolant, load) of warm engines").isGreaterThan(0.3);
    }

    @Test
    void coolantRunsHotterInHotWeather() {
        SimRecording cold =
                SimRecording.record(clean(20, 1).withRegion(Region.DEFAULT, 0), 20 * 1800);
        SimRecording hot =
                SimRecording.record(clean(20, 1).withRegion(Region.DEFAULT, 38), 20 * 1800);
        assertThat(warmMean(hot)).isGreaterThan(warmMean(cold) + 0.8);
    }

    private static double warmMean(SimRecording r) {
        double sum = 0;
        int n = 0;
        for (int i = r.n / 2; i < r.n; i++) {
            double c = r.truth(i, COOLANT_TEMP);
            if (r.truth(i, ENGINE_RPM) > 0 && c > 85) {
                sum += c;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void brakePressureIsAppliedExactlyWhenDeceleratingBeyondTheOnset() {
        double onset = Powertrain.BRAKE_ONSET_MPS2;
        double noise = 4 * 0.05;
        int braking = 0;
        for (int i = 0; i < rec.n; i++) {
            double a = rec.reading(i, ACCELERATION);
            double p = rec.reading(i, BRAKE_PRESSURE);
            if (a < -onset - noise) {
                assertThat(p).as("brake pressure at %.2f m/s^2", a).isPositive();
                braking++;
            }
            if (p > 0) {
                assertThat(a).as("deceleration with %.1f bar", p).isLessThan(-onset + noise);
            }
            if (a > -onset + noise) {
                assertThat(p).as("no brake at %.2f m/s^2", a).isZero();
            }
        }
        assertThat(braking).isGreaterThan(rec.n / 100);
    }

    @Test
    void engineSpeedFollowsRoadSpeedThroughTheGears() {
        int checked = 0;
        for (int i = 0; i < rec.n; i++) {
            double rpm = rec.truth(i, ENGINE_RPM);
            double mps = rec.truth(i, SPEED) / 3.6;
            if (mps < 3 || rpm == 0) {
                continue;
            }
            VehicleParams p = rec.sim.vehicle(rec.vehicle[i]).params();
            double best = Double.MAX_VALUE;
            for (int gear = 1; gear <= p.gears(); gear++) {
                best = Math.min(best, Math.abs(p.rpmInGear(gear, mps) - rpm));
            }
            // Pulling away in first gear the clutch slips; otherwise rpm is road speed x gear
            // ratio.
            if (rpm > 1500 || mps > 8) {
                assertThat(best)
                        .as("rpm %.0f at %.1f m/s matches a gear", rpm, mps)
                        .isLessThan(1.0);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(rec.n / 3);
        double corr =
                Stats.pearson(
                        column(ENGINE_RPM, SensorCorrelationTest::running),
                        column(SPEED, SensorCorrelationTest::running));
        assertThat(corr).isGreaterThan(0.4);
    }

    @Test
    void oilPressureRisesWithEngineSpeedAndIsZeroWithTheEngineOff() {
        IntPredicate on = SensorCorrelationTest::running;
        assertThat(Stats.pearson(column(OIL_PRESSURE, on), column(ENGINE_RPM, on)))
                .isGreaterThan(0.9);
        for (int i = 0; i < rec.n; i++) {
            if (!running(i)) {
                assertThat(rec.reading(i, OIL_PRESSURE)).isZero();
            }
        }
    }

    @Test
    void alternatorChargesWhileTheEngineRuns() {
        int[] ran = new int[2];
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            for (int k = 1; k < ev.length; k++) {
                int i = ev[k];
                boolean on = running(i);
                boolean cranked = on && !running(ev[k - 1]);
                double volts = rec.reading(i, BATTERY_VOLTAGE);
                if (cranked) {
                    assertThat(volts).as("cranking dip").isBetween(9.0, 11.5);
                } else if (on) {
                    assertThat(volts).as("charging").isGreaterThan(13.5);
                    ran[0]++;
                } else {
                    assertThat(volts).as("resting battery").isBetween(11.5, 13.0);
                    ran[1]++;
                }
            }
        }
        assertThat(ran[0]).isPositive();
        assertThat(ran[1]).as("some engine-off time (deliveries)").isPositive();
    }

    @Test
    void odometerAdvancesByTheIntegratedSpeed() {
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            double integrated = 0;
            for (int k = 1; k < ev.length; k++) {
                double dt = (rec.time[ev[k]] - rec.time[ev[k - 1]]) / 1000.0;
                integrated +=
                        (rec.reading(ev[k], SPEED) + rec.reading(ev[k - 1], SPEED)) / 2 / 3.6 * dt;
            }
            double odometerKm =
                    rec.reading(ev[ev.length - 1], ODOMETER) - rec.reading(ev[0], ODOMETER);
            assertThat(integrated / 1000)
                    .as("vehicle %d", v)
                    .isCloseTo(odometerKm, Percentage.withPercentage(1.0));
            assertThat(odometerKm).as("vehicle %d drove", v).isGreaterThan(1);
        }
    }

    @Test
    void brakePadsOnlyWearAndWearWithBraking() {
        int worn = 0;
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            for (int k = 1; k < ev.length; k++) {
                assertThat(rec.reading(ev[k], BRAKE_PAD))
                        .isLessThanOrEqualTo(rec.reading(ev[k - 1], BRAKE_PAD));
            }
            if (rec.reading(ev[ev.length - 1], BRAKE_PAD) < rec.reading(ev[0], BRAKE_PAD)) {
                worn++;
            }
        }
        assertThat(worn).isEqualTo(rec.vehicles());
    }

    @Test
    void gpsPositionMovesAlongTheHeadingAtTheReportedSpeed() {
        int along = 0;
        int moving = 0;
        double mPerDegLon =
                Region.METRES_PER_DEGREE * Math.cos(Math.toRadians(Region.DEFAULT.centerLat()));
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            for (int k = 1; k < ev.length; k++) {
                int i = ev[k];
                int j = ev[k - 1];
                double north =
                        (rec.truth(i, LATITUDE) - rec.truth(j, LATITUDE))
                                * Region.METRES_PER_DEGREE;
                double east = (rec.truth(i, LONGITUDE) - rec.truth(j, LONGITUDE)) * mPerDegLon;
                double dist = Math.hypot(north, east);
                double dt = (rec.time[i] - rec.time[j]) / 1000.0;
                double expected = (rec.truth(i, SPEED) + rec.truth(j, SPEED)) / 2 / 3.6 * dt;
                if (rec.truth(i, HEADING) != rec.truth(j, HEADING)) {
                    continue; // a turn: the chord is shorter than the path
                }
                assertThat(dist)
                        .as("vehicle %d step %d", v, k)
                        .isCloseTo(expected, Offset.offset(0.05 + expected * 0.01));
                if (rec.truth(i, SPEED) > 20) {
                    moving++;
                    double bearing = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
                    double diff = Math.abs(bearing - rec.truth(i, HEADING)) % 360;
                    if (Math.min(diff, 360 - diff) < 0.5) {
                        along++;
                    }
                }
            }
        }
        assertThat(along).isEqualTo(moving);
        assertThat(moving).isGreaterThan(rec.n / 4);
    }

    @Test
    void driverStylesDifferInAccelerationBrakingAndSpeed() {
        Map<DriverStyle, double[]> sums = new EnumMap<>(DriverStyle.class);
        for (int i = 0; i < rec.n; i++) {
            DriverStyle style = rec.sim.vehicle(rec.vehicle[i]).style();
            double[] s = sums.computeIfAbsent(style, k -> new double[4]);
            double a = rec.truth(i, ACCELERATION);
            if (a > 0.3) {
                s[0] += a;
                s[1]++;
            }
            if (rec.truth(i, SPEED) > 10) {
                s[2] += rec.truth(i, SPEED) / rec.limitKmh[i];
                s[3]++;
            }
        }
        double[] calm = sums.get(DriverStyle.CALM);
        double[] aggressive = sums.get(DriverStyle.AGGRESSIVE);
        assertThat(calm).isNotNull();
        assertThat(aggressive).isNotNull();
        assertThat(aggressive[0] / aggressive[1])
                .as("mean acceleration")
                .isGreaterThan(calm[0] / calm[1] * 1.3);
        assertThat(aggressive[2] / aggressive[3])
                .as("speed / limit")
                .isGreaterThan(calm[2] / calm[3]);
    }

    private static double mean(Sensor s, IntPredicate keep) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < rec.n; i++) {
            if (keep.test(i)) {
                sum += rec.reading(i, s);
                n++;
            }
        }
        assertThat(n).as("events for the mean of %s", s).isGreaterThan(100);
        return sum / n;
    }
}
