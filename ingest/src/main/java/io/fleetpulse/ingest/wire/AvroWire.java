package io.fleetpulse.ingest.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * FleetPulse's wire format for one record type: Avro single-object encoding (marker {@code C3 01},
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, Avro binary body). Decoding resolves any
 * released writer version from {@link SchemaHistory} to the current reader schema, so producers on
 * older schema versions keep working after a field is added.
 *
 * <p>Instances are thread-safe (Avro's message encoder and decoder keep per-thread buffers).
 */
public final class AvroWire<T extends SpecificRecord> {

    /** Bytes before the Avro body: 2-byte marker plus 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroWire(Class<T> type, Schema schema, Iterable<Schema> olderVersions) {
        this.type = type;
        this.schema = schema;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema writer : olderVersions) {
            decoder.addSchema(writer);
        }
    }

    /** The wire format for a generated Avro class, reading every released version of it. */
    public static <T extends SpecificRecord> AvroWire<T> of(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return new AvroWire<>(type, schema, SchemaHistory.versionsOf(schema.getFullName()));
    }

    /** As {@link #of(Class)}, additionally accepting the given writer schemas. */
    public static <T extends SpecificRecord> AvroWire<T> of(
            Class<T> type, Iterable<Schema> extraWriterSchemas) {
        AvroWire<T> wire = of(type);
        for (Schema writer : extraWriterSchemas) {
            wire.decoder.addSchema(writer);
        }
        return wire;
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    /** Encodes one record. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buf = encoder.encode(record);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws WireFormatException with a readable reason when the bytes are not a FleetPulse record
     *     of this type (bad marker, unknown schema fingerprint, truncated or corrupt body)
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new WireFormatException(
                    "MALFORMED",
                    "too short for Avro single-object encoding: "
                            + (bytes == null ? 0 : bytes.length)
                            + " bytes");
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new WireFormatException(
                    "MALFORMED", "not Avro single-object encoding (bad marker bytes)");
        } catch (MissingSchemaException e) {
            throw new WireFormatException(
                    "UNKNOWN_SCHEMA",
                    "unknown writer schema fingerprint for "
                            + schema.getName()
                            + ": "
                            + e.getMessage());
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new WireFormatException(
                    "MALFORMED", "corrupt " + schema.getName() + " body: " + e.getMessage());
        }
    }
}
