package io.fleetpulse.ingest.telemetry;

import io.fleetpulse.avro.TelemetryEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The sensors of the telemetry contract, each with its Avro field, unit and the physically
 * plausible range a reading must fall in. The one place that knows the sensor list: the gateway,
 * CSV replay, the simulator and the imputer all iterate over it.
 */
public enum Sensor {
    LATITUDE("latitude", "deg", -90, 90),
    LONGITUDE("longitude", "deg", -180, 180),
    SPEED("speedKmh", "km/h", 0, 300),
    ACCELERATION("accelerationMps2", "m/s^2", -15, 15),
    HEADING("headingDeg", "deg", 0, 360),
    ENGINE_RPM("engineRpm", "1/min", 0, 9000),
    ENGINE_LOAD("engineLoadPct", "%", 0, 100),
    THROTTLE("throttlePct", "%", 0, 100),
    COOLANT_TEMP("coolantTempC", "degC", -40, 150),
    OIL_PRESSURE("oilPressureKpa", "kPa", 0, 1000),
    FUEL_RATE("fuelRateLph", "L/h", 0, 200),
    FUEL_LEVEL("fuelLevelPct", "%", 0, 100),
    BRAKE_PRESSURE("brakePressureBar", "bar", 0, 250),
    BATTERY_VOLTAGE("batteryVoltageV", "V", 0, 32),
    ODOMETER("odometerKm", "km", 0, 5_000_000),
    TYRE_PRESSURE("tyrePressureKpa", "kPa", 0, 1200),
    AMBIENT_TEMP("ambientTempC", "degC", -60, 60),
    BRAKE_PAD("brakePadMm", "mm", 0, 30);

    /** All sensors in schema order. */
    public static final List<Sensor> ALL = List.of(values());

    private static final Map<String, Sensor> BY_FIELD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Sensor::field, Function.identity()));

    private final String field;
    private final String unit;
    private final double min;
    private final double max;
    private final int pos;

    Sensor(String field, String unit, double min, double max) {
        this.field = field;
        this.unit = unit;
        this.min = min;
        this.max = max;
        Schema.Field f = TelemetryEvent.getClassSchema().getField(field);
        if (f == null) {
            throw new IllegalStateException("TelemetryEvent has no field " + field);
        }
        this.pos = f.pos();
    }

    /** The Avro (and JSON, and CSV) field name, e.g. {@code speedKmh}. */
    public String field() {
        return field;
    }

    public String unit() {
        return unit;
    }

    /** Lowest plausible reading (inclusive). */
    public double min() {
        return min;
    }

    /** Highest plausible reading (inclusive). */
    public double max() {
        return max;
    }

    /** Whether {@code value} is a finite number inside this sensor's plausible range. */
    public boolean inRange(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    /** The reading of this sensor in {@code event}, or null when missing. */
    public Double get(TelemetryEvent event) {
        return (Double) event.get(pos);
    }

    /** Sets (or, with null, clears) this sensor's reading in {@code event}. */
    public void set(TelemetryEvent event, Double value) {
        event.put(pos, value);
    }

    /** Looks a sensor up by its field name (case-insensitive), or null if there is none. */
    public static Sensor byField(String field) {
        Sensor exact = BY_FIELD.get(field);
        if (exact != null) {
            return exact;
        }
        for (Sensor s : ALL) {
            if (s.field.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
