package io.fleetpulse.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * The JSON form of a {@link TelemetryEvent}: one object whose keys are the Avro field names ({@code
 * vehicleId}, {@code driverId}, {@code eventTime} in ms UTC, {@code seq}, then one key per {@link
 * Sensor}); a missing reading is an absent key (readers also accept {@code null}). This class
 * writes it; {@link TelemetryJsonReader} reads it strictly.
 */
public final class TelemetryJson {

    /** Media type of a JSON batch (an array of telemetry objects). */
    public static final String MEDIA_TYPE = "application/json";

    public static final String VEHICLE_ID = "vehicleId";
    public static final String DRIVER_ID = "driverId";
    public static final String EVENT_TIME = "eventTime";
    public static final String SEQ = "seq";

    /**
     * Shared factory. Non-numeric numbers (NaN, Infinity) are allowed at the syntax level so that
     * such a reading rejects only its own record (as OUT_OF_RANGE) instead of the whole body.
     */
    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    // Exact (round-trip safe) and several times faster than the JDK's.
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build();

    private static final int TYPICAL_EVENT_BYTES = 512;

    private TelemetryJson() {}

    /** Writes {@code event} as one JSON object; missing readings are left out. */
    public static void write(JsonGenerator g, TelemetryEvent event) throws IOException {
        g.writeStartObject();
        if (event.getVehicleId() != null) {
            g.writeStringField(VEHICLE_ID, event.getVehicleId());
        }
        if (event.getDriverId() != null) {
            g.writeStringField(DRIVER_ID, event.getDriverId());
        }
        g.writeNumberField(EVENT_TIME, event.getEventTime());
        g.writeNumberField(SEQ, event.getSeq());
        for (Sensor s : Sensor.ALL) {
            Double v = s.get(event);
            if (v != null) {
                g.writeNumberField(s.field(), v);
            }
        }
        for (ContextReading c : ContextReading.ALL) {
            Double v = c.get(event);
            if (v != null) {
                g.writeNumberField(c.field(), v);
            }
        }
        g.writeEndObject();
    }

    /** One event as a JSON object (UTF-8). */
    public static byte[] toJson(TelemetryEvent event) {
        ByteArrayBuilder out = new ByteArrayBuilder(TYPICAL_EVENT_BYTES);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A batch as the gateway accepts it: a JSON array of event objects (UTF-8). */
    public static byte[] toJsonArray(Collection<TelemetryEvent> events) {
        ByteArrayBuilder out =
                new ByteArrayBuilder(TYPICAL_EVENT_BYTES * Math.max(1, events.size()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (TelemetryEvent e : events) {
                write(g, e);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
