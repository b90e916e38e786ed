package io.fleetpulse.ingest.replay;

import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which CSV column feeds which {@code TelemetryEvent} field, resolved from a file's header. Sensor
 * columns are matched to Avro field names case-insensitively; the id, driver, time and sequence
 * columns have configurable names; {@code --map col=field} renames any column, {@code --ignore}
 * drops one deliberately. Columns matching nothing are {@link Role#UNKNOWN} and reported.
 */
public final class CsvColumnMapping {

    /** What a column holds. */
    public enum Role {
        VEHICLE_ID("vehicleId"),
        DRIVER_ID("driverId"),
        EVENT_TIME("eventTime"),
        SEQ("seq"),
        /** The posted speed limit from map matching (a {@code ContextReading}, not a sensor). */
        ROAD_SPEED_LIMIT(ContextReading.ROAD_SPEED_LIMIT.field()),
        SENSOR(null),
        IGNORED(null),
        UNKNOWN(null);

        private final String field;

        Role(String field) {
            this.field = field;
        }
    }

    /** One header column and what it maps to ({@code sensor} only for {@link Role#SENSOR}). */
    public record Column(int index, String name, Role role, Sensor sensor) {

        /** The Avro field this column feeds, or null for ignored and unknown columns. */
        public String field() {
            return role == Role.SENSOR ? sensor.field() : role.field;
        }
    }

    /**
     * How to read the header.
     *
     * @param idColumn name of the vehicle id column
     * @param driverColumn name of the driver id column (optional in the file)
     * @param timeColumn name of the event time column
     * @param seqColumn name of the sequence number column (optional in the file)
     * @param renames explicit column → field mappings ({@code --map}); field names as in Avro
     * @param ignored columns to skip without reporting them
     */
    public record Spec(
            String idColumn,
            String driverColumn,
            String timeColumn,
            String seqColumn,
            Map<String, String> renames,
            Set<String> ignored) {

        public Spec {
            renames = Map.copyOf(renames);
            ignored = Set.copyOf(ignored);
        }

        /** Columns named exactly like the Avro fields, nothing renamed or ignored. */
        public static Spec defaults() {
            return new Spec("vehicleId", "driverId", "eventTime", "seq", Map.of(), Set.of());
        }
    }

    private final List<Column> columns;

    private CsvColumnMapping(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * Resolves {@code header} with {@code spec}.
     *
     * @throws IllegalArgumentException naming the problem if the header cannot be used: no id or
     *     time column, a {@code --map} or {@code --ignore} naming a column the header lacks or a
     *     field the contract lacks, or two columns feeding the same field
     */
    public static CsvColumnMapping resolve(List<String> header, Spec spec) {
        Map<String, String> renames = new HashMap<>();
        spec.renames().forEach((col, field) -> renames.put(lower(col), field));
        Set<String> ignored = new TreeSet<>();
        spec.ignored().forEach(col -> ignored.add(lower(col)));
        Set<String> headerNames = new TreeSet<>();
        header.forEach(h -> headerNames.add(lower(h)));
        for (String col : spec.renames().keySet()) {
            requireInHeader(headerNames, col, "--map", header);
        }
        for (String col : spec.ignored()) {
            requireInHeader(headerNames, col, "--ignore", header);
        }

        List<Column> columns = new ArrayList<>();
        Map<String, String> fieldToColumn = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String key = lower(name);
            Column column;
            if (ignored.contains(key)) {
                column = new Column(i, name, Role.IGNORED, null);
            } else if (renames.containsKey(key)) {
                column = toField(i, name, renames.get(key));
            } else {
                column = byName(i, name, spec);
            }
            String field = column.field();
            if (field != null) {
                String other = fieldToColumn.putIfAbsent(lower(field), name);
                if (other != null) {
                    throw new IllegalArgumentException(
                            "columns '" + other + "' and '" + name + "' both map to " + field);
                }
            }
            columns.add(column);
        }
        requireRole(columns, Role.VEHICLE_ID, spec.idColumn(), "--id-column", header);
        requireRole(columns, Role.EVENT_TIME, spec.timeColumn(), "--time-column", header);
        return new CsvColumnMapping(columns);
    }

    private static Column byName(int index, String name, Spec spec) {
        if (name.equalsIgnoreCase(spec.idColumn())) {
            return new Column(index, name, Role.VEHICLE_ID, null);
        }
        if (name.equalsIgnoreCase(spec.driverColumn())) {
            return new Column(index, name, Role.DRIVER_ID, null);
        }
        if (name.equalsIgnoreCase(spec.timeColumn())) {
            return new Column(index, name, Role.EVENT_TIME, null);
        }
        if (name.equalsIgnoreCase(spec.seqColumn())) {
            return new Column(index, name, Role.SEQ, null);
        }
        if (name.equalsIgnoreCase(Role.ROAD_SPEED_LIMIT.field)) {
            return new Column(index, name, Role.ROAD_SPEED_LIMIT, null);
        }
        Sensor sensor = Sensor.byField(name);
        return sensor == null
                ? new Column(index, name, Role.UNKNOWN, null)
                : new Column(index, name, Role.SENSOR, sensor);
    }

    private static Column toField(int index, String name, String field) {
        for (Role role : Role.values()) {
            if (role.field != null && role.field.equalsIgnoreCase(field)) {
                return new Column(index, name, role, null);
            }
        }
        Sensor sensor = Sensor.byField(field);
        if (sensor == null) {
            List<String> known =
                    new ArrayList<>(List.of("vehicleId", "driverId", "eventTime", "seq"));
            Sensor.ALL.forEach(s -> known.add(s.field()));
            ContextReading.ALL.forEach(c -> known.add(c.field()));
            throw new IllegalArgumentException(
                    "--map " + name + "=" + field + ": no field '" + field + "'; fields: " + known);
        }
        return new Column(index, name, Role.SENSOR, sensor);
    }

    private static void requireInHeader(
            Set<String> headerNames, String col, String option, List<String> header) {
        if (!headerNames.contains(lower(col))) {
            throw new IllegalArgumentException(
                    option + " names column '" + col + "' but the header has " + header);
        }
    }

    private static void requireRole(
            List<Column> columns, Role role, String name, String option, List<String> header) {
        if (columns.stream().noneMatch(c -> c.role() == role)) {
            throw new IllegalArgumentException(
                    "no "
                            + role.field
                            + " column: the header has no column '"
                            + name
                            + "' (header: "
                            + header
                            + "); name it with "
                            + option
                            + " or --map COLUMN="
                            + role.field);
        }
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /** Every column of the header, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column with {@code role}, or null (only id and time are guaranteed). */
    public Column column(Role role) {
        return columns.stream().filter(c -> c.role() == role).findFirst().orElse(null);
    }

    /** Columns that map to nothing (reported by a replay). */
    public List<Column> unknownColumns() {
        return columns.stream().filter(c -> c.role() == Role.UNKNOWN).toList();
    }

    /** Columns feeding sensors. */
    public List<Column> sensorColumns() {
        return columns.stream().filter(c -> c.role() == Role.SENSOR).toList();
    }

    /** Sensors of the contract that no column feeds (always missing in this file). */
    public List<Sensor> absentSensors() {
        List<Sensor> absent = new ArrayList<>(Sensor.ALL);
        sensorColumns().forEach(c -> absent.remove(c.sensor()));
        return absent;
    }
}
