package io.fleetpulse.learner.replica;

import io.fleetpulse.learner.servable.NamedTensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the pieces of a replica's checkpointed state. */
final class StateIO {

    private static final int MAX_TENSORS = 1 << 12;

    private StateIO() {}

    static void writeTensors(DataOutput out, List<NamedTensor> tensors) throws IOException {
        out.writeInt(tensors.size());
        for (NamedTensor t : tensors) {
            out.writeUTF(t.name());
            long[] shape = t.shape();
            out.writeByte(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            out.writeInt(t.size());
            for (int i = 0; i < t.size(); i++) {
                out.writeFloat(t.get(i));
            }
        }
    }

    static List<NamedTensor> readTensors(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_TENSORS) {
            throw new IOException("bad tensor count " + n);
        }
        List<NamedTensor> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String name = in.readUTF();
            long[] shape = new long[in.readUnsignedByte()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readLong();
            }
            float[] data = new float[in.readInt()];
            for (int i = 0; i < data.length; i++) {
                data[i] = in.readFloat();
            }
            out.add(new NamedTensor(name, shape, data));
        }
        return out;
    }

    static void writeBlob(DataOutput out, byte[] blob) throws IOException {
        out.writeInt(blob == null ? -1 : blob.length);
        if (blob != null) {
            out.write(blob);
        }
    }

    static byte[] readBlob(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static void writeFloats(DataOutput out, float[] values, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeFloat(values[i]);
        }
    }
}
