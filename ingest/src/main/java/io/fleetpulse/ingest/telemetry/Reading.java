package io.fleetpulse.ingest.telemetry;

import io.fleetpulse.avro.TelemetryEvent;

/**
 * One numeric reading of the telemetry contract with its Avro field, unit and plausible range: a
 * {@link Sensor} or a {@link ContextReading}. What the gateway, CSV replay and the validator treat
 * alike.
 */
public interface Reading {

    /** Field, unit, range and position. */
    ReadingSpec spec();

    /** The Avro (and JSON, and CSV) field name, e.g. {@code speedKmh}. */
    default String field() {
        return spec().field();
    }

    default String unit() {
        return spec().unit();
    }

    /** Lowest plausible reading (inclusive). */
    default double min() {
        return spec().min();
    }

    /** Highest plausible reading (inclusive). */
    default double max() {
        return spec().max();
    }

    /** Whether {@code value} is a finite number inside the plausible range. */
    default boolean inRange(double value) {
        return Double.isFinite(value) && value >= min() && value <= max();
    }

    /** The reading in {@code event}, or null when missing. */
    default Double get(TelemetryEvent event) {
        return (Double) event.get(spec().pos());
    }

    /** Sets (or, with null, clears) the reading in {@code event}. */
    default void set(TelemetryEvent event, Double value) {
        event.put(spec().pos(), value);
    }
}
