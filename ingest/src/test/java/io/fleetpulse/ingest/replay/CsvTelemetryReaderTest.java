package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvTelemetryReaderTest {

    private static final long T0 = Instant.parse("2023-06-01T08:00:00Z").toEpochMilli();

    static List<CsvRow> read(String csv, CsvTelemetryReader.Settings settings) throws IOException {
        CsvTelemetryReader reader =
                new CsvTelemetryReader(
                        new BufferedReader(new StringReader(csv)),
                        CsvColumnMapping.Spec.defaults(),
                        settings);
        List<CsvRow> rows = new ArrayList<>();
        CsvRow row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    static List<CsvRow> read(String csv) throws IOException {
        return read(csv, CsvTelemetryReader.Settings.defaults());
    }

    @Test
    void emptyCellsAreMissingReadingsNotZero() throws IOException {
        List<CsvRow> rows =
                read(
                        "vehicleId,driverId,eventTime,seq,speedKmh,engineRpm,fuelLevelPct\n"
                                + "v1,d1,"
                                + T0
                                + ",7,52.5,,80\n");
        TelemetryEvent e = rows.get(0).event();
        assertThat(rows.get(0).violations()).isEmpty();
        assertThat(e.getVehicleId()).isEqualTo("v1");
        assertThat(e.getDriverId()).isEqualTo("d1");
        assertThat(e.getEventTime()).isEqualTo(T0);
        assertThat(e.getSeq()).isEqualTo(7);
        assertThat(Sensor.SPEED.get(e)).isEqualTo(52.5);
        assertThat(Sensor.ENGINE_RPM.get(e)).isNull();
        assertThat(Sensor.FUEL_LEVEL.get(e)).isEqualTo(80.0);
        assertThat(Sensor.COOLANT_TEMP.get(e)).isNull(); // no column at all
    }

    @Test
    void configuredTokensAlsoMeanMissing() throws IOException {
        var settings =
                new CsvTelemetryReader.Settings(',', EventTimeFormat.AUTO, Set.of("NA"), "unknown");
        CsvRow row = read("vehicleId,eventTime,speedKmh\nv1," + T0 + ",NA\n", settings).get(0);
        assertThat(row.violations()).isEmpty();
        assertThat(row.problems()).isEmpty();
        assertThat(Sensor.SPEED.get(row.event())).isNull();
    }

    @Test
    void unknownColumnCellsAreReportedWithLineColumnAndValue() throws IOException {
        CsvRow row = read("vehicleId,eventTime,gear,speedKmh\nv1," + T0 + ",3,40\n").get(0);
        assertThat(row.violations()).isEmpty();
        assertThat(row.problems())
                .containsExactly(new CellProblem(CellProblem.Kind.UNKNOWN_COLUMN, 2, "gear", "3"));
        assertThat(Sensor.SPEED.get(row.event())).isEqualTo(40.0);
    }

    @Test
    void unparsableCellIsReportedAndMakesTheRowADeadLetter() throws IOException {
        CsvRow row =
                read("vehicleId,eventTime,speedKmh,engineRpm\nv1," + T0 + ",fast,2000\n").get(0);
        assertThat(row.problems())
                .containsExactly(
                        new CellProblem(CellProblem.Kind.UNPARSABLE, 2, "speedKmh", "fast"));
        assertThat(row.violations())
                .extracting(Violation::reason, Violation::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RejectReason.WRONG_TYPE, "speedKmh"));
        assertThat(row.violations().get(0).detail()).contains("speedKmh", "'fast'");
        assertThat(Sensor.ENGINE_RPM.get(row.event())).isEqualTo(2000.0);
    }

    @Test
    void isoTimesAndUnparsableOrEmptyTimes() throws IOException {
        List<CsvRow> rows =
                read(
                        "vehicleId,eventTime\n"
                                + "v1,2023-06-01T08:00:00Z\n"
                                + "v1,2023-06-01 08:00:01.5\n"
                                + "v1,soon\n"
                                + "v1,\n");
        assertThat(rows.get(0).event().getEventTime()).isEqualTo(T0);
        assertThat(rows.get(1).event().getEventTime()).isEqualTo(T0 + 1500);
        assertThat(rows.get(2).violations().get(0).reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(rows.get(2).problems())
                .containsExactly(
                        new CellProblem(CellProblem.Kind.UNPARSABLE, 4, "eventTime", "soon"));
        assertThat(rows.get(3).violations().get(0).reason()).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void withoutSeqAndDriverColumnsRowsAreNumberedPerVehicleAndGetTheDefaultDriver()
            throws IOException {
        List<CsvRow> rows =
                read("vehicleId,eventTime\na," + T0 + "\nb," + T0 + "\na," + (T0 + 1) + "\n");
        assertThat(rows).extracting(r -> r.event().getSeq()).containsExactly(0L, 0L, 1L);
        assertThat(rows).extracting(r -> r.event().getDriverId()).containsOnly("unknown");
    }

    @Test
    void wrongCellCountIsMalformedAndKeepsTheLineNumberAcrossBlankLines() throws IOException {
        List<CsvRow> rows =
                read("vehicleId,eventTime,speedKmh\n\nv1," + T0 + "\n\nv1," + T0 + ",1\n");
        assertThat(rows).hasSize(2);
        CsvRow bad = rows.get(0);
        assertThat(bad.event()).isNull();
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.text()).isEqualTo("v1," + T0);
        assertThat(bad.violations().get(0).reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(bad.violations().get(0).detail()).contains("2 cells but the header has 3");
        assertThat(rows.get(1).line()).isEqualTo(5);
    }

    @Test
    void headerWithByteOrderMarkStillMaps() throws IOException {
        assertThat(read("\uFEFFvehicleId,eventTime\nv," + T0 + "\n").get(0).violations()).isEmpty();
    }

    @Test
    void emptyFileIsAClearError() {
        assertThatThrownBy(() -> read("\n\n")).hasMessageContaining("no header line");
    }

    @Test
    void roadSpeedLimitColumnIsReadAndMayBeEmpty() throws IOException {
        List<CsvRow> rows =
                read(
                        "vehicleId,eventTime,speedKmh,roadSpeedLimitKmh\n"
                                + "v1,"
                                + T0
                                + ",52.5,50\n"
                                + "v1,"
                                + (T0 + 1000)
                                + ",53,\n");
        assertThat(rows.get(0).violations()).isEmpty();
        assertThat(ContextReading.ROAD_SPEED_LIMIT.get(rows.get(0).event())).isEqualTo(50.0);
        assertThat(ContextReading.ROAD_SPEED_LIMIT.get(rows.get(1).event())).isNull();
        assertThat(rows.get(0).problems()).isEmpty();
    }
}
