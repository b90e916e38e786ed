package io.fleetpulse.loadgen.sim;

import io.fleetpulse.avro.TelemetryEvent;

/**
 * The message a vehicle has just produced, read straight from the simulator's state: ids, event
 * time, seq, each sensor's reading (by {@link io.fleetpulse.ingest.telemetry.Sensor} ordinal) and
 * each context reading (by {@link io.fleetpulse.ingest.telemetry.ContextReading} ordinal). Sinks
 * encode it without building a {@link TelemetryEvent} and boxing every reading; {@link #fill}
 * builds the record for those that need one. Valid until the vehicle's next step.
 */
public interface TelemetryMessage {

    String vehicleId();

    /** The vehicle id in UTF-8 (the Kafka key); shared, never to be modified. */
    byte[] vehicleIdUtf8();

    /** The driver id in UTF-8; shared, never to be modified. */
    byte[] driverIdUtf8();

    /** Event time, ms since the epoch. */
    long eventTimeMs();

    long seq();

    /** Whether the sensor with this ordinal has a reading in this message. */
    boolean present(int sensor);

    /** The reading of the sensor with this ordinal (meaningful only when {@link #present}). */
    double reading(int sensor);

    /** Whether the context reading with this ordinal is reported in this message. */
    boolean contextPresent(int reading);

    /** The context reading with this ordinal (meaningful only when {@link #contextPresent}). */
    double context(int reading);

    /** Writes the message into {@code event} (missing readings as null). */
    void fill(TelemetryEvent event);
}
