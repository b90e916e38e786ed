package io.fleetpulse.loadgen.sim;

import static io.fleetpulse.ingest.telemetry.Sensor.ENGINE_RPM;
import static io.fleetpulse.ingest.telemetry.Sensor.HEADING;
import static io.fleetpulse.ingest.telemetry.Sensor.LATITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.LONGITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.OIL_PRESSURE;
import static io.fleetpulse.ingest.telemetry.Sensor.SPEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sensors.SensorModel;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Data goes missing at the configured rates, in the configured patterns. */
class MissingnessTest {

    private static SimRecording run(MissingnessConfig missing, int vehicles, int events) {
        return SimRecording.record(
                SimulationConfig.defaults(1_735_718_400_000L)
                        .withVehicles(vehicles, vehicles)
                        .withSeed(3)
                        .withAnomalies(AnomalyConfig.NONE)
                        .withMissingness(missing),
                events);
    }

    @Test
    void randomDropoutsHappenAtTheConfiguredRateForEverySensor() {
        SimRecording rec = run(new MissingnessConfig(0.05, 0, 30, 0, 0), 100, 300_000);
        for (Sensor s : SensorModel.SENSORS) {
            long missing = 0;
            for (int i = 0; i < rec.n; i++) {
                if (!rec.present(i, s)) {
                    missing++;
                }
            }
            assertThat(missing / (double) rec.n)
                    .as(s.field())
                    .isCloseTo(0.05, Offset.offset(0.003));
        }
        // The GPS receiver delivers position and heading together or not at all.
        for (int i = 0; i < rec.n; i++) {
            assertThat(rec.present(i, LONGITUDE)).isEqualTo(rec.present(i, LATITUDE));
            assertThat(rec.present(i, HEADING)).isEqualTo(rec.present(i, LATITUDE));
        }
    }

    @Test
    void outagesSilenceASensorForRunsOfTheConfiguredMeanLength() {
        double meanS = 20;
        double perHour = 30;
        SimRecording rec = run(new MissingnessConfig(0, perHour, meanS, 0, 0), 50, 50 * 4 * 3600);
        long runs = 0;
        long runEvents = 0;
        int shortest = Integer.MAX_VALUE;
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            for (Sensor s : new Sensor[] {SPEED, OIL_PRESSURE, Sensor.BRAKE_PAD}) {
                int run = 0;
                for (int k = 0; k < ev.length; k++) {
                    if (!rec.present(ev[k], s)) {
                        run++;
                    } else if (run > 0) {
                        if (k - run > 0) { // runs cut by the start of the recording do not count
                            runs++;
                            runEvents += run;
                            shortest = Math.min(shortest, run);
                        }
                        run = 0;
                    }
                }
            }
        }
        double meanRun = runEvents / (double) runs; // events at 1 Hz = seconds
        assertThat(meanRun).isCloseTo(meanS, Offset.offset(2.5));
        assertThat(shortest).as("shortest outage, events at 1 Hz").isGreaterThanOrEqualTo(2);
        double expectedShare = perHour * meanS / 3600;
        assertThat(runEvents / (3.0 * rec.n)).isCloseTo(expectedShare, Offset.offset(0.03));
    }

    @Test
    void oilPressureGoesMissingMoreOftenAtHighEngineSpeed() {
        SimRecording rec = run(new MissingnessConfig(0.01, 0, 30, 1, 0), 100, 300_000);
        double[] high = missingShare(rec, OIL_PRESSURE, i -> rec.truth(i, ENGINE_RPM) > 2600);
        double[] low =
                missingShare(
                        rec,
                        OIL_PRESSURE,
                        i -> rec.truth(i, ENGINE_RPM) > 0 && rec.truth(i, ENGINE_RPM) < 1800);
        assertThat(high[1]).as("events above 2600 rpm").isGreaterThan(1000);
        assertThat(low[0]).isCloseTo(0.01, Offset.offset(0.003));
        assertThat(high[0]).as("missing share at high rpm").isGreaterThan(5 * low[0]);
        // A sensor without value-dependent failures does not care about rpm.
        double[] coolantHigh =
                missingShare(rec, Sensor.AMBIENT_TEMP, i -> rec.truth(i, ENGINE_RPM) > 2600);
        assertThat(coolantHigh[0]).isCloseTo(0.01, Offset.offset(0.01));
    }

    @Test
    void gpsIsLostMoreOftenAtLowSpeedAmongTallBuildings() {
        SimRecording rec = run(new MissingnessConfig(0.01, 0, 30, 1, 0), 100, 300_000);
        double[] slow = missingShare(rec, LATITUDE, i -> rec.truth(i, SPEED) < 5);
        double[] fast = missingShare(rec, LATITUDE, i -> rec.truth(i, SPEED) > 30);
        assertThat(slow[0]).isGreaterThan(3 * fast[0]);
        assertThat(fast[0]).isCloseTo(0.01, Offset.offset(0.003));
    }

    private static double[] missingShare(
            SimRecording rec, Sensor s, java.util.function.IntPredicate where) {
        long n = 0;
        long missing = 0;
        for (int i = 0; i < rec.n; i++) {
            if (where.test(i)) {
                n++;
                if (!rec.present(i, s)) {
                    missing++;
                }
            }
        }
        return new double[] {missing / (double) n, n};
    }

    @Test
    void lostMessagesLeaveGapsInTheVehiclesSequence() {
        double loss = 0.02;
        SimRecording rec = run(new MissingnessConfig(0, 0, 30, 0, loss), 100, 200_000);
        long slots = 0;
        long lost = 0;
        for (int v = 0; v < rec.vehicles(); v++) {
            int[] ev = rec.eventsOf(v);
            for (int k = 1; k < ev.length; k++) {
                long gap = rec.seq[ev[k]] - rec.seq[ev[k - 1]];
                assertThat(gap).isPositive();
                // Event time moves on with the seq: one period (1 s) per number.
                assertThat(rec.time[ev[k]] - rec.time[ev[k - 1]])
                        .isCloseTo(gap * 1000, Offset.offset(1L));
                slots += gap;
                lost += gap - 1;
            }
        }
        assertThat(lost / (double) slots).isCloseTo(loss, Offset.offset(0.003));
        assertThat(rec.sim.messagesLost()).isGreaterThanOrEqualTo(lost);
    }

    @Test
    void aMissingReadingIsNullNeverASentinel() {
        FleetSimulator sim =
                new FleetSimulator(
                        SimulationConfig.defaults(1_735_718_400_000L)
                                .withVehicles(50, 50)
                                .withMissingness(new MissingnessConfig(0.2, 5, 30, 2, 0.01)),
                        label -> {});
        TelemetryEvent e = new TelemetryEvent();
        long nulls = 0;
        for (int i = 0; i < 50_000; i++) {
            sim.next(e);
            for (Sensor s : SensorModel.SENSORS) {
                Double d = s.get(e);
                if (d == null) {
                    nulls++;
                } else {
                    assertThat(s.inRange(d)).as("%s = %s", s.field(), d).isTrue();
                }
            }
        }
        assertThat(nulls).isGreaterThan(50_000L * SensorModel.COUNT / 10);
    }
}
