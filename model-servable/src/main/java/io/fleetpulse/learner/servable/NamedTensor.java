package io.fleetpulse.learner.servable;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named parameter array of a model (e.g. {@code encoder.0.weight}) with its shape, in row-major
 * order as DJL's {@code NDArray.toFloatArray()} gives it. Immutable: the data is copied in, and
 * read out as a copy or a read-only view.
 */
public final class NamedTensor {

    /** Most dimensions a tensor may have. */
    public static final int MAX_RANK = 8;

    private final String name;
    private final long[] shape;
    private final float[] data;

    /**
     * @param name the parameter's name, unique within its model
     * @param shape the dimensions (empty for a scalar); their product must equal {@code
     *     data.length}
     * @param data the values, row-major
     */
    public NamedTensor(String name, long[] shape, float[] data) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor needs a name");
        }
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException(
                    name + ": rank " + shape.length + " exceeds " + MAX_RANK);
        }
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        name + ": negative dimension in " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, d);
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    name
                            + ": shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + size
                            + " values but data has "
                            + data.length);
        }
        this.name = name;
        this.shape = shape.clone();
        this.data = data.clone();
    }

    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Value {@code i} in row-major order. */
    public float get(int i) {
        return data[i];
    }

    /** A copy of the values. */
    public float[] toArray() {
        return data.clone();
    }

    /** A read-only view of the values, without copying (e.g. for {@code NDManager.create}). */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor that
                && name.equals(that.name)
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
