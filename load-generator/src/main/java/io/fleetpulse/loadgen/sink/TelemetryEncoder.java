package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.ingest.wire.SpecificRecordEncoder;
import java.util.function.Function;

/**
 * Writes a {@link TelemetryEvent} in exactly the bytes {@link AvroWire} writes (Avro single-object
 * encoding: marker, CRC-64-AVRO fingerprint, binary body), about five times faster: the shared
 * {@link SpecificRecordEncoder} (no generic datum writer, no union resolution by schema name, one
 * allocation per event, the result). {@link #forCurrentSchema()} returns null when the schema has a
 * field type it does not know, so callers fall back to {@link AvroWire}. Tests check it byte for
 * byte against {@link AvroWire}. Not thread-safe (reuses a buffer).
 */
public final class TelemetryEncoder {

    private final SpecificRecordEncoder<TelemetryEvent> encoder;

    private TelemetryEncoder(SpecificRecordEncoder<TelemetryEvent> encoder) {
        this.encoder = encoder;
    }

    /** An encoder for the current TelemetryEvent schema, or null if its shape is unknown. */
    public static TelemetryEncoder forCurrentSchema() {
        SpecificRecordEncoder<TelemetryEvent> encoder =
                SpecificRecordEncoder.forSchema(TelemetryEvent.getClassSchema());
        return encoder == null ? null : new TelemetryEncoder(encoder);
    }

    /** The fastest encoder of the wire format available: this one, else {@link AvroWire}'s. */
    public static Function<TelemetryEvent, byte[]> best() {
        TelemetryEncoder fast = forCurrentSchema();
        if (fast != null) {
            return fast::encode;
        }
        AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
        return wire::encode;
    }

    /** The event's wire bytes. */
    public byte[] encode(TelemetryEvent event) {
        return encoder.encode(event);
    }
}
