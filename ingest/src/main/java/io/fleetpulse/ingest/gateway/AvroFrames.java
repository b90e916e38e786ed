package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroWire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Avro batch body of the gateway ({@link BatchFormat#AVRO}): frames back to back, each a 4-byte
 * big-endian length followed by that many bytes of one {@link AvroWire} record. Clients use {@link
 * #encode}; the gateway uses {@link #split}.
 */
public final class AvroFrames {

    /** Bytes of the length prefix before every frame. */
    public static final int LENGTH_PREFIX_BYTES = Integer.BYTES;

    private AvroFrames() {}

    /** A batch body of the given already-encoded records. */
    public static byte[] encode(List<byte[]> records) {
        int size = 0;
        for (byte[] r : records) {
            size += LENGTH_PREFIX_BYTES + r.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] r : records) {
            out.putInt(r.length).put(r);
        }
        return out.array();
    }

    /** A batch body of {@code events}, each encoded with {@code wire}. */
    public static byte[] encodeEvents(
            AvroWire<TelemetryEvent> wire, Collection<TelemetryEvent> events) {
        List<byte[]> records = new ArrayList<>(events.size());
        for (TelemetryEvent e : events) {
            records.add(wire.encode(e));
        }
        return encode(records);
    }

    /**
     * Splits a batch body into its records. The framing must be exact: a length prefix that is cut
     * off, negative, or longer than the bytes left makes the whole body malformed, because no later
     * frame boundary could be trusted.
     *
     * @throws RequestRefusedException MALFORMED for broken framing, TOO_MANY_RECORDS past {@code
     *     maxRecords}
     */
    public static List<byte[]> split(byte[] body, int maxRecords) throws RequestRefusedException {
        ByteBuffer in = ByteBuffer.wrap(body);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int at = in.position();
            if (in.remaining() < LENGTH_PREFIX_BYTES) {
                throw new RequestRefusedException(
                        RequestError.MALFORMED,
                        "frame "
                                + records.size()
                                + " at byte "
                                + at
                                + ": "
                                + in.remaining()
                                + " bytes left, too few for a 4-byte length prefix");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new RequestRefusedException(
                        RequestError.MALFORMED,
                        "frame "
                                + records.size()
                                + " at byte "
                                + at
                                + " declares "
                                + length
                                + " bytes but "
                                + in.remaining()
                                + " are left");
            }
            if (records.size() == maxRecords) {
                throw new RequestRefusedException(
                        RequestError.TOO_MANY_RECORDS,
                        "batch has more than " + maxRecords + " records");
            }
            byte[] record = new byte[length];
            in.get(record);
            records.add(record);
        }
        return records;
    }
}
