package io.fleetpulse.learner.averaging;

import io.fleetpulse.learner.servable.NamedTensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

/**
 * How a replica encodes its parameters for the averager: as they are (4 bytes a value), as IEEE
 * half precision (2 bytes, ~3 significant digits), or as 8-bit affine quantization per tensor (1
 * byte plus 8 bytes of range per tensor, error up to range/510). Off ({@link #NONE}) by default;
 * {@code fleet bench learner} reports the bytes saved and the accuracy given up.
 */
public enum ParameterCompression {
    NONE,
    FP16,
    INT8;

    private static final int LEVELS = 255;

    /** Parses {@code none}, {@code fp16} or {@code int8}. */
    public static ParameterCompression parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "compression must be none, fp16 or int8, was '" + s + "'", e);
        }
    }

    /** Writes the values of {@code t} (not its name or shape) in this encoding. */
    public void writeValues(NamedTensor t, DataOutput out) throws IOException {
        int n = t.size();
        switch (this) {
            case NONE -> {
                for (int i = 0; i < n; i++) {
                    out.writeFloat(t.get(i));
                }
            }
            case FP16 -> {
                for (int i = 0; i < n; i++) {
                    out.writeShort(toHalf(t.get(i)));
                }
            }
            case INT8 -> {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, t.get(i));
                    max = Math.max(max, t.get(i));
                }
                if (n == 0) {
                    min = 0;
                    max = 0;
                }
                float step = (max - min) / LEVELS;
                out.writeFloat(min);
                out.writeFloat(step);
                for (int i = 0; i < n; i++) {
                    int q = step == 0 ? 0 : (int) Math.rint((t.get(i) - min) / step);
                    out.writeByte(Math.max(0, Math.min(LEVELS, q)));
                }
            }
        }
    }

    /** Reads {@code n} values written by {@link #writeValues}. */
    public float[] readValues(int n, DataInput in) throws IOException {
        float[] out = new float[n];
        switch (this) {
            case NONE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.readFloat();
                }
            }
            case FP16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = fromHalf(in.readShort());
                }
            }
            case INT8 -> {
                float min = in.readFloat();
                float step = in.readFloat();
                for (int i = 0; i < n; i++) {
                    out[i] = min + step * in.readUnsignedByte();
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 bits of {@code f}, rounded to nearest even. */
    static short toHalf(float f) {
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7e00);
        }
        float a = Math.abs(f);
        if (a >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (a < 0x1p-14f) {
            return (short) (sign | (int) Math.rint(a * 0x1p24f));
        }
        int e = Math.getExponent(a);
        int m = (int) Math.rint(Math.scalb(a, 10 - e));
        if (m == 2048) {
            m = 1024;
            e++;
        }
        if (e > 15) {
            return (short) (sign | 0x7c00);
        }
        return (short) (sign | ((e + 15) << 10) | (m - 1024));
    }

    /** The float of IEEE 754 binary16 bits. */
    static float fromHalf(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
