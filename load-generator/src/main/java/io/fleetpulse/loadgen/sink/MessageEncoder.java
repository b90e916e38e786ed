package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryData;

/**
 * Writes a simulated {@link TelemetryMessage} in exactly the bytes {@link AvroWire} writes for the
 * same {@link TelemetryEvent} (single-object encoding), straight from the simulator's arrays: no
 * record is built and no reading is boxed, the ids are ready-made UTF-8, and the only allocation is
 * the result. The field order comes from the schema at start-up; {@link #forCurrentSchema()}
 * returns null for a schema with a field it does not know, and {@link #best()} then falls back to
 * building the record. Tests check it byte for byte against AvroWire. Not thread-safe (reuses a
 * buffer): one per sending thread.
 */
public final class MessageEncoder {

    private static final int VEHICLE_ID = -1;
    private static final int DRIVER_ID = -2;
    private static final int EVENT_TIME = -3;
    private static final int SEQ = -4;

    /** Kinds from here up are context readings: {@code CONTEXT + ContextReading.ordinal()}. */
    private static final int CONTEXT = 1 << 16;

    /** Longest varint (10 bytes) or union index plus double (9 bytes). */
    private static final int MAX_FIELD = 10;

    /** Per field: one of the negative kinds above, the sensor's ordinal, or a context kind. */
    private final int[] fields;

    private byte[] buf;

    /** Results of {@link #encodeReusing}, one per length (records are 150-250 bytes). */
    private byte[][] bySize = new byte[0][];

    private MessageEncoder(byte[] header, int[] fields) {
        this.fields = fields;
        this.buf = Arrays.copyOf(header, header.length + fields.length * MAX_FIELD + 64);
    }

    /** An encoder for the current TelemetryEvent schema, or null if its shape is unknown. */
    public static MessageEncoder forCurrentSchema() {
        Schema schema = TelemetryEvent.getClassSchema();
        List<Schema.Field> schemaFields = schema.getFields();
        int[] fields = new int[schemaFields.size()];
        for (Schema.Field f : schemaFields) {
            int kind = kindOf(f);
            if (kind == Integer.MIN_VALUE) {
                return null;
            }
            fields[f.pos()] = kind;
        }
        byte[] header = new byte[AvroWire.HEADER_LENGTH];
        ByteBuffer.wrap(header)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(schema));
        return new MessageEncoder(header, fields);
    }

    /** This encoder, or where the schema is unknown to it, the record built and encoded. */
    public static Function<TelemetryMessage, byte[]> best() {
        return best(false);
    }

    /**
     * As {@link #best()}; with {@code reusing}, this encoder's {@link #encodeReusing} (only for
     * callers that copy the bytes before the next call).
     */
    public static Function<TelemetryMessage, byte[]> best(boolean reusing) {
        MessageEncoder direct = forCurrentSchema();
        if (direct != null) {
            return reusing ? direct::encodeReusing : direct::encode;
        }
        Function<TelemetryEvent, byte[]> records = TelemetryEncoder.best();
        TelemetryEvent event = new TelemetryEvent();
        return message -> {
            message.fill(event);
            return records.apply(event);
        };
    }

    private static int kindOf(Schema.Field f) {
        Schema.Type type = f.schema().getType();
        switch (f.name()) {
            case "vehicleId":
                return type == Schema.Type.STRING ? VEHICLE_ID : Integer.MIN_VALUE;
            case "driverId":
                return type == Schema.Type.STRING ? DRIVER_ID : Integer.MIN_VALUE;
            case "eventTime":
                return type == Schema.Type.LONG ? EVENT_TIME : Integer.MIN_VALUE;
            case "seq":
                return type == Schema.Type.LONG ? SEQ : Integer.MIN_VALUE;
            default:
                if (!isNullableDouble(f.schema())) {
                    return Integer.MIN_VALUE;
                }
                Sensor sensor = Sensor.byField(f.name());
                if (sensor != null && sensor.field().equals(f.name())) {
                    return sensor.ordinal();
                }
                for (ContextReading c : ContextReading.ALL) {
                    if (c.field().equals(f.name())) {
                        return CONTEXT + c.ordinal();
                    }
                }
                return Integer.MIN_VALUE;
        }
    }

    private static boolean isNullableDouble(Schema s) {
        return s.getType() == Schema.Type.UNION
                && s.getTypes().size() == 2
                && s.getTypes().get(0).getType() == Schema.Type.NULL
                && s.getTypes().get(1).getType() == Schema.Type.DOUBLE;
    }

    /** The message's wire bytes, in a new array. */
    public byte[] encode(TelemetryMessage m) {
        return Arrays.copyOf(buf, write(m));
    }

    /**
     * The message's wire bytes in an array of exactly their length that this encoder reuses: it is
     * valid only until the next call that writes as many bytes. For callers that copy the bytes at
     * once, as {@code KafkaProducer.send} does (it appends the value to its batch before returning,
     * and keeps only its length), so that sending allocates no bytes per event, as Kafka's own perf
     * tool reuses its one payload.
     */
    public byte[] encodeReusing(TelemetryMessage m) {
        int n = write(m);
        if (n >= bySize.length) {
            bySize = Arrays.copyOf(bySize, Math.max(n + 1, 2 * bySize.length));
        }
        byte[] out = bySize[n];
        if (out == null) {
            out = new byte[n];
            bySize[n] = out;
        }
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    /** Writes the message into {@code buf} (header included) and returns its length. */
    private int write(TelemetryMessage m) {
        byte[] vehicle = m.vehicleIdUtf8();
        byte[] driver = m.driverIdUtf8();
        int most =
                AvroWire.HEADER_LENGTH + fields.length * MAX_FIELD + vehicle.length + driver.length;
        if (most > buf.length) {
            buf = Arrays.copyOf(buf, most);
        }
        byte[] b = buf;
        int p = AvroWire.HEADER_LENGTH;
        for (int kind : fields) {
            switch (kind) {
                case VEHICLE_ID -> p = writeBytes(vehicle, b, p);
                case DRIVER_ID -> p = writeBytes(driver, b, p);
                case EVENT_TIME -> p += BinaryData.encodeLong(m.eventTimeMs(), b, p);
                case SEQ -> p += BinaryData.encodeLong(m.seq(), b, p);
                default -> {
                    boolean context = kind >= CONTEXT;
                    int i = context ? kind - CONTEXT : kind;
                    if (context ? m.contextPresent(i) : m.present(i)) {
                        b[p++] = 2; // union branch 1 (double), zig-zag encoded
                        p += BinaryData.encodeDouble(context ? m.context(i) : m.reading(i), b, p);
                    } else {
                        b[p++] = 0; // union branch 0 (null)
                    }
                }
            }
        }
        return p;
    }

    private static int writeBytes(byte[] bytes, byte[] b, int p) {
        p += BinaryData.encodeLong(bytes.length, b, p);
        System.arraycopy(bytes, 0, b, p, bytes.length);
        return p + bytes.length;
    }
}
