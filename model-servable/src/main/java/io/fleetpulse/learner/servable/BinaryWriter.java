package io.fleetpulse.learner.servable;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes FleetPulse's framed binary formats: magic, format version, a body of big-endian fields,
 * and a CRC-32 of everything before it, the counterpart of {@link BinaryReader}.
 */
final class BinaryWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    BinaryWriter(int magic, int formatVersion) {
        writeInt(magic);
        try {
            out.writeByte(formatVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BinaryWriter writeInt(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeDouble(double v) {
        try {
            out.writeDouble(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeString(String s) {
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed bytes. */
    BinaryWriter writeBytes(byte[] b) {
        writeInt(b.length);
        bytes.writeBytes(b);
        return this;
    }

    BinaryWriter writeDoubles(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Double.BYTES);
        buf.asDoubleBuffer().put(values);
        bytes.writeBytes(buf.array());
        return this;
    }

    BinaryWriter writeFloats(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES);
        buf.asFloatBuffer().put(values);
        bytes.writeBytes(buf.array());
        return this;
    }

    /** The framed bytes, with the CRC-32 trailer appended. */
    byte[] finish() {
        CRC32 crc = new CRC32();
        byte[] body = bytes.toByteArray();
        crc.update(body);
        return ByteBuffer.allocate(body.length + BinaryReader.CRC_LENGTH)
                .put(body)
                .putInt((int) crc.getValue())
                .array();
    }
}
