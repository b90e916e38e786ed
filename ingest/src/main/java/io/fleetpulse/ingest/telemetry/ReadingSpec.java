package io.fleetpulse.ingest.telemetry;

import io.fleetpulse.avro.TelemetryEvent;
import org.apache.avro.Schema;

/**
 * What the contract says about one {@link Reading}: its field name, unit, plausible range
 * (inclusive) and the field's position in {@code TelemetryEvent}.
 */
public record ReadingSpec(String field, String unit, double min, double max, int pos) {

    /** The spec of a {@code TelemetryEvent} field; fails if the record has no such field. */
    static ReadingSpec of(String field, String unit, double min, double max) {
        return new ReadingSpec(
                field, unit, min, max, position(TelemetryEvent.getClassSchema(), field));
    }

    /** The position of {@code field} in {@code schema}; fails if it has none. */
    static int position(Schema schema, String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalStateException(schema.getName() + " has no field " + field);
        }
        return f.pos();
    }
}
