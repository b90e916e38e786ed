package io.fleetpulse.learner.servable;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads FleetPulse's framed binary formats (magic, format version, body, CRC-32 trailer) and turns
 * every way the bytes can be wrong into a {@link ModelFormatException} naming what was being read.
 * Lengths are checked against the bytes left before anything is allocated, so corrupt input cannot
 * ask for gigabytes.
 */
final class BinaryReader {

    /** Bytes of the CRC-32 trailer. */
    static final int CRC_LENGTH = Integer.BYTES;

    private final ByteBuffer buf;
    private final String what;

    private BinaryReader(ByteBuffer buf, String what) {
        this.buf = buf;
        this.what = what;
    }

    /**
     * Checks the frame of {@code bytes} (magic, format version, checksum) and returns a reader
     * positioned at the body, limited to exclude the checksum trailer.
     */
    static BinaryReader open(byte[] bytes, int magic, int formatVersion, String what) {
        int headerLength = Integer.BYTES + 1;
        if (bytes == null || bytes.length < headerLength + CRC_LENGTH) {
            throw new ModelFormatException(
                    "not a "
                            + what
                            + ": "
                            + (bytes == null ? 0 : bytes.length)
                            + " bytes is too short");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int actualMagic = buf.getInt();
        if (actualMagic != magic) {
            throw new ModelFormatException(
                    String.format(
                            "not a %s: magic 0x%08X, expected 0x%08X", what, actualMagic, magic));
        }
        int version = Byte.toUnsignedInt(buf.get());
        if (version != formatVersion) {
            throw new ModelFormatException(
                    "unsupported "
                            + what
                            + " format version "
                            + version
                            + " (this build reads "
                            + formatVersion
                            + ")");
        }
        int bodyEnd = bytes.length - CRC_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyEnd);
        int expected = ByteBuffer.wrap(bytes, bodyEnd, CRC_LENGTH).getInt();
        if ((int) crc.getValue() != expected) {
            throw new ModelFormatException(
                    what + " checksum mismatch: the bytes are corrupt or truncated");
        }
        buf.limit(bodyEnd);
        return new BinaryReader(buf, what);
    }

    int readInt(String field) {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    long readLong(String field) {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    double readDouble(String field) {
        try {
            return buf.getDouble();
        } catch (BufferUnderflowException e) {
            throw truncated(field);
        }
    }

    /** A count or length in {@code [0, max]} whose items, {@code itemBytes} each, are all there. */
    int readCount(String field, int max, int itemBytes) {
        int n = readInt(field);
        if (n < 0 || n > max) {
            throw invalid(field + " " + n + " is outside [0, " + max + "]");
        }
        if ((long) n * itemBytes > buf.remaining()) {
            throw truncated(field);
        }
        return n;
    }

    String readString(String field, int maxBytes) {
        int n = readCount(field + " length", maxBytes, 1);
        byte[] utf8 = new byte[n];
        buf.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    double[] readDoubles(String field, int n) {
        if ((long) n * Double.BYTES > buf.remaining()) {
            throw truncated(field);
        }
        double[] out = new double[n];
        buf.asDoubleBuffer().get(out);
        buf.position(buf.position() + n * Double.BYTES);
        return out;
    }

    float[] readFloats(String field, int n) {
        if ((long) n * Float.BYTES > buf.remaining()) {
            throw truncated(field);
        }
        float[] out = new float[n];
        buf.asFloatBuffer().get(out);
        buf.position(buf.position() + n * Float.BYTES);
        return out;
    }

    byte[] readBytes(String field, int maxBytes) {
        int n = readCount(field + " length", maxBytes, 1);
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /** Fails unless every body byte was read. */
    void expectEnd() {
        if (buf.hasRemaining()) {
            throw invalid(buf.remaining() + " unexpected bytes after the last field");
        }
    }

    ModelFormatException invalid(String detail) {
        return new ModelFormatException("invalid " + what + ": " + detail);
    }

    private ModelFormatException truncated(String field) {
        return new ModelFormatException("truncated " + what + " while reading " + field);
    }
}
