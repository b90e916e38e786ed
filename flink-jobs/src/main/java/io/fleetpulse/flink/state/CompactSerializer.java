package io.fleetpulse.flink.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of FeatureJob's hand-written keyed-state serializers: a fixed field order written with
 * {@link DataOutputView}'s primitives, instead of Flink's POJO serializer, which reads every field
 * by reflection, boxes every double and writes a null flag before each array. The per-vehicle
 * operator writes every active vehicle's state at every checkpoint, so this is on the checkpoint's
 * synchronous path. Stateless, so one instance serves every thread; a subclass writes and reads its
 * type's fields and declares a {@link MigratingSnapshot}.
 */
public abstract class CompactSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    /** A new, empty value of the type. */
    protected abstract T newInstance();

    /** Writes every field of {@code value}. */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads what {@link #write} wrote. */
    protected abstract T read(DataInputView in) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T createInstance() {
        return newInstance();
    }

    /** A deep copy, by writing and reading back (copies are rare: heap backends, migration). */
    @Override
    public final T copy(T from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(2048);
            write(from, out);
            return read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying " + from, e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    /** Writes an array's length, then its values (-1 for null). */
    protected static void writeDoubles(double[] a, DataOutputView out) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    protected static double[] readDoubles(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    protected static void writeLongs(long[] a, DataOutputView out) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    protected static long[] readLongs(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    protected static void writeInts(int[] a, DataOutputView out) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    protected static int[] readInts(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    protected static void writeBooleans(boolean[] a, DataOutputView out) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (boolean v : a) {
            out.writeBoolean(v);
        }
    }

    protected static boolean[] readBooleans(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readBoolean();
        }
        return a;
    }

    /** Writes a nullable string. */
    protected static void writeString(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    protected static String readString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
