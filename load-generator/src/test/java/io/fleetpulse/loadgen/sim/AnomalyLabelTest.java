package io.fleetpulse.loadgen.sim;

import static io.fleetpulse.ingest.telemetry.Sensor.ACCELERATION;
import static io.fleetpulse.ingest.telemetry.Sensor.COOLANT_TEMP;
import static io.fleetpulse.ingest.telemetry.Sensor.FUEL_LEVEL;
import static io.fleetpulse.ingest.telemetry.Sensor.FUEL_RATE;
import static io.fleetpulse.ingest.telemetry.Sensor.LATITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.LONGITUDE;
import static io.fleetpulse.ingest.telemetry.Sensor.SPEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sensors.SensorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every label describes the data it labels: the events in its interval show its anomaly, and (for
 * the threshold-defined kinds) no event outside a label does. One run of 100 vehicles at 1 Hz for
 * 90 simulated minutes with 20 anomalies per vehicle-hour and the default missing data.
 */
class AnomalyLabelTest {

    private static final int VEHICLES = 100;
    private static final Pattern ZONE = Pattern.compile("in a (\\d+) km/h zone");
    private static SimRecording rec;
    private static Map<AnomalyKind, List<AnomalyLabel>> byKind;

    @BeforeAll
    static void simulate() {
        rec =
                SimRecording.record(
                        SimulationConfig.defaults(1_735_718_400_000L)
                                .withVehicles(VEHICLES, VEHICLES)
                                .withSeed(21)
                                .withMissingness(MissingnessConfig.DEFAULT)
                                .withAnomalies(
                                        new AnomalyConfig(20, EnumSet.allOf(AnomalyKind.class))),
                        VEHICLES * 90 * 60);
        byKind = new EnumMap<>(AnomalyKind.class);
        for (AnomalyLabel label : rec.labels) {
            byKind.computeIfAbsent(AnomalyKind.valueOf(label.getKind()), k -> new ArrayList<>())
                    .add(label);
        }
    }

    /**
     * Events of the label's vehicle within its interval; the interval starts and ends on events.
     */
    private static int[] eventsIn(AnomalyLabel label) {
        int[] ev = rec.eventsOf(SimRecording.vehicleIndex(label.getVehicleId()));
        int[] in =
                Arrays.stream(ev)
                        .filter(
                                i ->
                                        rec.time[i] >= label.getStartTime()
                                                && rec.time[i] <= label.getEndTime())
                        .toArray();
        assertThat(in).as("events of %s", label).isNotEmpty();
        assertThat(rec.time[in[0]]).isEqualTo(label.getStartTime());
        assertThat(rec.time[in[in.length - 1]]).isEqualTo(label.getEndTime());
        return in;
    }

    private static List<AnomalyLabel> labels(AnomalyKind kind) {
        List<AnomalyLabel> list = byKind.getOrDefault(kind, List.of());
        assertThat(list).as("labels of kind %s", kind).hasSizeGreaterThan(10);
        return list;
    }

    @Test
    void everyKindIsLabelledWithVehicleDriverAndSensor() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(AnomalyKind.values());
        for (AnomalyLabel label : rec.labels) {
            int v = SimRecording.vehicleIndex(label.getVehicleId());
            assertThat(label.getDriverId()).isEqualTo(rec.sim.vehicle(v).driverId());
            assertThat(label.getEndTime()).isGreaterThanOrEqualTo(label.getStartTime());
            boolean sensorFault =
                    label.getKind().equals("SENSOR_STUCK")
                            || label.getKind().equals("SENSOR_DRIFT");
            if (sensorFault) {
                assertThat(Sensor.byField(label.getSensor())).as("sensor of %s", label).isNotNull();
            } else {
                assertThat(label.getSensor()).isNull();
            }
            assertThat(label.getDescription()).isNotBlank();
        }
    }

    @Test
    void aVehiclesLabelsNeverOverlap() {
        for (int v = 0; v < VEHICLES; v++) {
            String id = rec.sim.vehicle(v).vehicleId();
            long[][] spans =
                    rec.labels.stream()
                            .filter(l -> l.getVehicleId().equals(id))
                            .map(l -> new long[] {l.getStartTime(), l.getEndTime()})
                            .sorted((a, b) -> Long.compare(a[0], b[0]))
                            .toArray(long[][]::new);
            for (int k = 1; k < spans.length; k++) {
                assertThat(spans[k][0]).isGreaterThan(spans[k - 1][1]);
            }
        }
    }

    @Test
    void harshBrakingLabelsCoverDecelerationBeyondTheThreshold() {
        for (AnomalyLabel label : labels(AnomalyKind.HARSH_BRAKING)) {
            for (int i : eventsIn(label)) {
                assertThat(rec.truth(i, ACCELERATION))
                        .isLessThanOrEqualTo(-AnomalyKind.HARSH_BRAKE_MPS2);
                if (rec.present(i, ACCELERATION)) {
                    assertThat(rec.reading(i, ACCELERATION))
                            .isLessThan(-AnomalyKind.HARSH_BRAKE_MPS2 + 0.25);
                }
            }
        }
        assertOnlyInsideLabels(
                AnomalyKind.HARSH_BRAKING,
                i -> rec.truth(i, ACCELERATION) <= -AnomalyKind.HARSH_BRAKE_MPS2);
    }

    @Test
    void overSpeedingLabelsCoverSpeedsAboveTheLimit() {
        for (AnomalyLabel label : labels(AnomalyKind.OVER_SPEEDING)) {
            Matcher m = ZONE.matcher(label.getDescription());
            assertThat(m.find()).as(label.getDescription()).isTrue();
            int limit = Integer.parseInt(m.group(1));
            for (int i : eventsIn(label)) {
                assertThat(rec.limitKmh[i]).isEqualTo(limit);
                assertThat(rec.truth(i, SPEED))
                        .isGreaterThan(limit * AnomalyKind.OVER_SPEED_TOLERANCE);
                if (rec.present(i, SPEED)) {
                    assertThat(rec.reading(i, SPEED))
                            .isGreaterThan(limit * AnomalyKind.OVER_SPEED_TOLERANCE - 1);
                }
            }
        }
        assertOnlyInsideLabels(
                AnomalyKind.OVER_SPEEDING,
                i -> rec.truth(i, SPEED) > rec.limitKmh[i] * AnomalyKind.OVER_SPEED_TOLERANCE);
    }

    @Test
    void overheatingLabelsCoverCoolantAboveTheThreshold() {
        for (AnomalyLabel label : labels(AnomalyKind.ENGINE_OVERHEATING)) {
            for (int i : eventsIn(label)) {
                assertThat(rec.truth(i, COOLANT_TEMP)).isGreaterThan(AnomalyKind.OVERHEAT_C);
                if (rec.present(i, COOLANT_TEMP)) {
                    assertThat(rec.reading(i, COOLANT_TEMP))
                            .isGreaterThan(AnomalyKind.OVERHEAT_C - 1);
                }
            }
        }
        assertOnlyInsideLabels(
                AnomalyKind.ENGINE_OVERHEATING,
                i -> rec.truth(i, COOLANT_TEMP) > AnomalyKind.OVERHEAT_C);
    }

    @Test
    void fuelLossLabelsCoverLevelsFallingFasterThanConsumption() {
        for (AnomalyKind kind : List.of(AnomalyKind.FUEL_LEAK, AnomalyKind.FUEL_THEFT)) {
            for (AnomalyLabel label : labels(kind)) {
                int[] in = eventsIn(label);
                double tank =
                        rec.sim
                                .vehicle(SimRecording.vehicleIndex(label.getVehicleId()))
                                .params()
                                .tankLitres();
                double first = Double.NaN;
                double last = Double.NaN;
                long firstTime = 0;
                long lastTime = 0;
                for (int i : in) {
                    if (rec.present(i, FUEL_LEVEL)) {
                        if (Double.isNaN(first)) {
                            first = rec.reading(i, FUEL_LEVEL);
                            firstTime = rec.time[i];
                        }
                        last = rec.reading(i, FUEL_LEVEL);
                        lastTime = rec.time[i];
                    }
                }
                double burnt = 0;
                for (int k = 1; k < in.length; k++) {
                    if (rec.time[in[k]] > firstTime && rec.time[in[k]] <= lastTime) {
                        burnt +=
                                rec.truth(in[k], FUEL_RATE)
                                        * (rec.time[in[k]] - rec.time[in[k - 1]])
                                        / 3_600_000.0;
                    }
                }
                double droppedLitres = (first - last) * tank / 100;
                assertThat(droppedLitres)
                        .as("%s: litres gone vs %.3f L burnt", label, burnt)
                        .isGreaterThan(1.5 * burnt);
                if (lastTime - firstTime >= 30_000) {
                    assertThat(droppedLitres).as("%s", label).isGreaterThan(0.1);
                }
            }
        }
    }

    @Test
    void stuckSensorLabelsCoverAConstantReading() {
        for (AnomalyLabel label : labels(AnomalyKind.SENSOR_STUCK)) {
            Sensor s = Sensor.byField(label.getSensor());
            double[] values =
                    Arrays.stream(eventsIn(label))
                            .filter(i -> rec.present(i, s))
                            .mapToDouble(i -> rec.reading(i, s))
                            .toArray();
            assertThat(values).as("%s", label).isNotEmpty();
            assertThat(Arrays.stream(values).distinct().count()).as("%s", label).isEqualTo(1);
        }
    }

    @Test
    void driftLabelsCoverAGrowingOffsetFromTheTruth() {
        for (AnomalyLabel label : labels(AnomalyKind.SENSOR_DRIFT)) {
            Sensor s = Sensor.byField(label.getSensor());
            int[] in = Arrays.stream(eventsIn(label)).filter(i -> rec.present(i, s)).toArray();
            if (in.length < 30) {
                continue;
            }
            double[] t =
                    Arrays.stream(in)
                            .mapToDouble(i -> (rec.time[i] - label.getStartTime()) / 1000.0)
                            .toArray();
            double[] offset =
                    Arrays.stream(in)
                            .mapToDouble(i -> rec.reading(i, s) - rec.truth(i, s))
                            .toArray();
            double slope = Stats.slope(t, offset);
            double grown = slope * t[t.length - 1];
            // Five standard errors of the growth a fitted slope estimates from noise alone
            // (about noise * sqrt(12 / n) for n evenly spaced readings).
            double noiseGrowth = SensorModel.noise(s) * Math.sqrt(12.0 / in.length);
            assertThat(Math.abs(grown))
                    .as("%s: offset grown over the interval", label)
                    .isGreaterThan(5 * noiseGrowth + 1e-9);
            int quarter = offset.length / 4;
            double early = Arrays.stream(offset, 0, quarter).map(Math::abs).average().orElseThrow();
            double late =
                    Arrays.stream(offset, offset.length - quarter, offset.length)
                            .map(Math::abs)
                            .average()
                            .orElseThrow();
            assertThat(late).as("%s: mean offset late vs early", label).isGreaterThan(early);
        }
    }

    @Test
    void gpsJumpLabelsCoverPositionsFarFromTheTruth() {
        double mPerDegLon =
                Region.METRES_PER_DEGREE * Math.cos(Math.toRadians(Region.DEFAULT.centerLat()));
        for (AnomalyLabel label : labels(AnomalyKind.GPS_JUMP)) {
            for (int i : eventsIn(label)) {
                if (rec.present(i, LATITUDE)) {
                    double dn =
                            (rec.reading(i, LATITUDE) - rec.truth(i, LATITUDE))
                                    * Region.METRES_PER_DEGREE;
                    double de = (rec.reading(i, LONGITUDE) - rec.truth(i, LONGITUDE)) * mPerDegLon;
                    assertThat(Math.hypot(dn, de))
                            .isGreaterThan(AnomalyKind.GPS_JUMP_MIN_KM * 1000 * 0.95);
                }
            }
        }
        assertOnlyInsideLabels(
                AnomalyKind.GPS_JUMP,
                i -> {
                    if (!rec.present(i, LATITUDE)) {
                        return false;
                    }
                    double dn =
                            (rec.reading(i, LATITUDE) - rec.truth(i, LATITUDE))
                                    * Region.METRES_PER_DEGREE;
                    return Math.abs(dn) > 1000;
                });
    }

    private static void assertOnlyInsideLabels(
            AnomalyKind kind, java.util.function.IntPredicate shows) {
        List<AnomalyLabel> list = byKind.getOrDefault(kind, List.of());
        int found = 0;
        for (int i = 0; i < rec.n; i++) {
            if (!shows.test(i)) {
                continue;
            }
            String id = rec.sim.vehicle(rec.vehicle[i]).vehicleId();
            long t = rec.time[i];
            boolean covered =
                    list.stream()
                            .anyMatch(
                                    l ->
                                            l.getVehicleId().equals(id)
                                                    && t >= l.getStartTime()
                                                    && t <= l.getEndTime());
            assertThat(covered).as("%s event of %s at %d is labelled", kind, id, t).isTrue();
            found++;
        }
        assertThat(found).isPositive();
    }
}
