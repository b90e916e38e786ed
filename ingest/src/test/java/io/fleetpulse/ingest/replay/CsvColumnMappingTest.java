package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.ingest.replay.CsvColumnMapping.Role;
import io.fleetpulse.ingest.replay.CsvColumnMapping.Spec;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvColumnMappingTest {

    @Test
    void matchesAvroFieldNamesCaseInsensitively() {
        CsvColumnMapping m =
                CsvColumnMapping.resolve(
                        List.of("VEHICLEID", "eventtime", "SpeedKmh", "engineRPM"),
                        Spec.defaults());
        assertThat(m.column(Role.VEHICLE_ID).index()).isZero();
        assertThat(m.column(Role.EVENT_TIME).index()).isEqualTo(1);
        assertThat(m.sensorColumns())
                .extracting(CsvColumnMapping.Column::sensor)
                .containsExactly(Sensor.SPEED, Sensor.ENGINE_RPM);
        assertThat(m.column(Role.DRIVER_ID)).isNull();
        assertThat(m.absentSensors()).hasSize(Sensor.ALL.size() - 2).doesNotContain(Sensor.SPEED);
    }

    @Test
    void unknownColumnsAreKeptAsUnknownNotDropped() {
        CsvColumnMapping m =
                CsvColumnMapping.resolve(
                        List.of("vehicleId", "eventTime", "gear", "speedKmh", "wiper"),
                        Spec.defaults());
        assertThat(m.unknownColumns())
                .extracting(CsvColumnMapping.Column::name)
                .containsExactly("gear", "wiper");
    }

    @Test
    void renamesIdTimeAndSensorColumnsAndIgnoresOnRequest() {
        Spec spec =
                new Spec(
                        "car",
                        "driverId",
                        "ts",
                        "seq",
                        Map.of("Speed", "speedkmh", "who", "driverId"),
                        Set.of("gear"));
        CsvColumnMapping m =
                CsvColumnMapping.resolve(List.of("car", "ts", "speed", "WHO", "gear"), spec);
        assertThat(m.column(Role.VEHICLE_ID).name()).isEqualTo("car");
        assertThat(m.column(Role.EVENT_TIME).name()).isEqualTo("ts");
        assertThat(m.column(Role.DRIVER_ID).name()).isEqualTo("WHO");
        assertThat(m.sensorColumns().get(0).sensor()).isEqualTo(Sensor.SPEED);
        assertThat(m.columns().get(4).role()).isEqualTo(Role.IGNORED);
        assertThat(m.unknownColumns()).isEmpty();
    }

    @Test
    void missingIdOrTimeColumnIsAClearError() {
        assertThatThrownBy(
                        () -> CsvColumnMapping.resolve(List.of("id", "eventTime"), Spec.defaults()))
                .hasMessageContaining("no vehicleId column")
                .hasMessageContaining("--id-column");
        assertThatThrownBy(
                        () -> CsvColumnMapping.resolve(List.of("vehicleId", "t"), Spec.defaults()))
                .hasMessageContaining("no eventTime column");
    }

    @Test
    void mapToAnUnknownFieldOrAbsentColumnIsAnError() {
        Spec badField =
                new Spec(
                        "vehicleId",
                        "driverId",
                        "eventTime",
                        "seq",
                        Map.of("x", "warpFactor"),
                        Set.of());
        assertThatThrownBy(
                        () ->
                                CsvColumnMapping.resolve(
                                        List.of("vehicleId", "eventTime", "x"), badField))
                .hasMessageContaining("no field 'warpFactor'")
                .hasMessageContaining("speedKmh");
        Spec badColumn =
                new Spec(
                        "vehicleId",
                        "driverId",
                        "eventTime",
                        "seq",
                        Map.of("y", "speedKmh"),
                        Set.of());
        assertThatThrownBy(
                        () ->
                                CsvColumnMapping.resolve(
                                        List.of("vehicleId", "eventTime"), badColumn))
                .hasMessageContaining("--map names column 'y'");
    }

    @Test
    void twoColumnsForOneFieldIsAnError() {
        Spec spec =
                new Spec(
                        "vehicleId",
                        "driverId",
                        "eventTime",
                        "seq",
                        Map.of("v", "speedKmh"),
                        Set.of());
        assertThatThrownBy(
                        () ->
                                CsvColumnMapping.resolve(
                                        List.of("vehicleId", "eventTime", "speedKmh", "v"), spec))
                .hasMessageContaining("'speedKmh' and 'v' both map to speedKmh");
    }
}
