package io.fleetpulse.ingest.telemetry;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import java.util.List;

/**
 * Readings of a telemetry message that describe the vehicle's surroundings rather than measure the
 * vehicle, such as the posted speed limit from on-board map matching. They travel with the sensors
 * (gateway, CSV replay, simulator) and are range-checked like them, but they are no {@link Sensor}:
 * the imputer neither predicts nor fills them, and {@code ImputedTelemetry} passes them through as
 * reported.
 */
public enum ContextReading implements Reading {
    ROAD_SPEED_LIMIT("roadSpeedLimitKmh", "km/h", 5, 200);

    /** All context readings in schema order. */
    public static final List<ContextReading> ALL = List.of(values());

    private final ReadingSpec spec;
    private final int imputedPos;

    ContextReading(String field, String unit, double min, double max) {
        this.spec = ReadingSpec.of(field, unit, min, max);
        this.imputedPos = ReadingSpec.position(ImputedTelemetry.getClassSchema(), field);
    }

    @Override
    public ReadingSpec spec() {
        return spec;
    }

    /** The reading as passed through into imputed telemetry, or null. */
    public Double get(ImputedTelemetry event) {
        return (Double) event.get(imputedPos);
    }

    /** Copies the reading from {@code from} into {@code to} unchanged. */
    public void copy(TelemetryEvent from, ImputedTelemetry to) {
        to.put(imputedPos, get(from));
    }
}
