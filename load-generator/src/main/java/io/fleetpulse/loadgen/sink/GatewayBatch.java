package io.fleetpulse.loadgen.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * One request body for the gateway, built event by event: either Avro frames (4-byte big-endian
 * length, then the {@link AvroWire} bytes) or a JSON array of objects with the Avro field names
 * (missing sensors as null). Keeps each event's intended send time and size for latency figures.
 */
final class GatewayBatch {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Sensor[] SENSORS = Sensor.values();

    private final GatewayFormat format;
    private final Function<TelemetryEvent, byte[]> encoder;
    private final ByteArrayOutputStream body;
    private final JsonGenerator json;
    private final long[] intendedNanos;
    private final int[] sizes;
    private int count;

    GatewayBatch(GatewayFormat format, Function<TelemetryEvent, byte[]> encoder, int capacity) {
        this.format = format;
        this.encoder = encoder;
        this.body = new ByteArrayOutputStream(capacity * 256);
        this.intendedNanos = new long[capacity];
        this.sizes = new int[capacity];
        try {
            this.json = format == GatewayFormat.JSON ? JSON.createGenerator(body) : null;
            if (json != null) {
                json.writeStartArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one event; false if the batch is full. */
    boolean add(TelemetryEvent event, long intended) {
        if (count == intendedNanos.length) {
            return false;
        }
        int before = size();
        if (format == GatewayFormat.AVRO) {
            byte[] bytes = encoder.apply(event);
            int n = bytes.length;
            body.write(n >>> 24);
            body.write(n >>> 16);
            body.write(n >>> 8);
            body.write(n);
            body.write(bytes, 0, n);
        } else {
            writeJson(event);
        }
        intendedNanos[count] = intended;
        sizes[count] = size() - before;
        count++;
        return true;
    }

    private void writeJson(TelemetryEvent e) {
        try {
            json.writeStartObject();
            json.writeStringField("vehicleId", e.getVehicleId());
            json.writeStringField("driverId", e.getDriverId());
            json.writeNumberField("eventTime", e.getEventTime());
            json.writeNumberField("seq", e.getSeq());
            for (Sensor s : SENSORS) {
                Double v = s.get(e);
                if (v == null) {
                    json.writeNullField(s.field());
                } else {
                    json.writeNumberField(s.field(), v.doubleValue());
                }
            }
            for (ContextReading c : ContextReading.ALL) {
                Double v = c.get(e);
                if (v != null) {
                    json.writeNumberField(c.field(), v.doubleValue());
                }
            }
            json.writeEndObject();
            json.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private int size() {
        return body.size();
    }

    int count() {
        return count;
    }

    long intendedNanos(int index) {
        return intendedNanos[index];
    }

    /** Bytes the event at {@code index} added to the body. */
    int eventBytes(int index) {
        return sizes[index];
    }

    /** The finished body; call once, after the last {@link #add}. */
    byte[] body() {
        if (json != null) {
            try {
                json.writeEndArray();
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body.toByteArray();
    }
}
