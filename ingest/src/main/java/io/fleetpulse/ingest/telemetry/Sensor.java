package io.fleetpulse.ingest.telemetry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sensors of the telemetry contract, each with its Avro field, unit and the physically
 * plausible range a reading must fall in. The one place that knows the sensor list: the gateway,
 * CSV replay, the simulator and the imputer all iterate over it.
 */
public enum Sensor implements Reading {
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

    private final ReadingSpec spec;

    Sensor(String field, String unit, double min, double max) {
        this.spec = ReadingSpec.of(field, unit, min, max);
    }

    @Override
    public ReadingSpec spec() {
        return spec;
    }

    /** Looks a sensor up by its field name (case-insensitive), or null if there is none. */
    public static Sensor byField(String field) {
        Sensor exact = BY_FIELD.get(field);
        if (exact != null) {
            return exact;
        }
        for (Sensor s : ALL) {
            if (s.field().toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
