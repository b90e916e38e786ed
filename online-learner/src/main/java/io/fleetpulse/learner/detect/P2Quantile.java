package io.fleetpulse.learner.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One quantile of a stream in constant memory: the P² algorithm of Jain and Chlamtac (1985, CACM
 * 28(10)), five markers moved by piecewise-parabolic interpolation. Exact for the first five
 * values; after that an estimate whose error shrinks as values arrive. Not thread-safe.
 */
public final class P2Quantile {

    private static final int MARKERS = 5;

    private final double p;
    private final double[] height = new double[MARKERS];
    private final double[] position = new double[MARKERS];
    private final double[] desired = new double[MARKERS];
    private final double[] increment;
    private long count;

    /** Estimates the {@code p}-quantile, {@code 0 < p < 1}. */
    public P2Quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), was " + p);
        }
        this.p = p;
        this.increment = new double[] {0, p / 2, p, (1 + p) / 2, 1};
        for (int i = 0; i < MARKERS; i++) {
            position[i] = i + 1;
        }
        desired[0] = 1;
        desired[1] = 1 + 2 * p;
        desired[2] = 1 + 4 * p;
        desired[3] = 3 + 2 * p;
        desired[4] = 5;
    }

    public double p() {
        return p;
    }

    /** Values seen. */
    public long count() {
        return count;
    }

    /** Adds a value; non-finite values are ignored. */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        if (count < MARKERS) {
            height[(int) count] = x;
            count++;
            if (count == MARKERS) {
                Arrays.sort(height);
            }
            return;
        }
        count++;
        int k;
        if (x < height[0]) {
            height[0] = x;
            k = 0;
        } else if (x >= height[MARKERS - 1]) {
            height[MARKERS - 1] = x;
            k = MARKERS - 2;
        } else {
            k = 0;
            while (x >= height[k + 1]) {
                k++;
            }
        }
        for (int i = k + 1; i < MARKERS; i++) {
            position[i]++;
        }
        for (int i = 0; i < MARKERS; i++) {
            desired[i] += increment[i];
        }
        for (int i = 1; i < MARKERS - 1; i++) {
            double d = desired[i] - position[i];
            if ((d >= 1 && position[i + 1] - position[i] > 1)
                    || (d <= -1 && position[i - 1] - position[i] < -1)) {
                int s = d > 0 ? 1 : -1;
                double candidate = parabolic(i, s);
                if (height[i - 1] < candidate && candidate < height[i + 1]) {
                    height[i] = candidate;
                } else {
                    height[i] = linear(i, s);
                }
                position[i] += s;
            }
        }
    }

    private double parabolic(int i, int s) {
        double n0 = position[i - 1];
        double n1 = position[i];
        double n2 = position[i + 1];
        return height[i]
                + s
                        / (n2 - n0)
                        * ((n1 - n0 + s) * (height[i + 1] - height[i]) / (n2 - n1)
                                + (n2 - n1 - s) * (height[i] - height[i - 1]) / (n1 - n0));
    }

    private double linear(int i, int s) {
        return height[i] + s * (height[i + s] - height[i]) / (position[i + s] - position[i]);
    }

    /** The estimate; {@code NaN} before any value, exact (nearest rank) below five values. */
    public double estimate() {
        if (count == 0) {
            return Double.NaN;
        }
        if (count < MARKERS) {
            double[] sorted = Arrays.copyOf(height, (int) count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p * count) - 1;
            return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
        }
        return height[2];
    }

    /** Writes the complete state. */
    public void write(DataOutput out) throws IOException {
        out.writeDouble(p);
        out.writeLong(count);
        for (int i = 0; i < MARKERS; i++) {
            out.writeDouble(height[i]);
            out.writeDouble(position[i]);
            out.writeDouble(desired[i]);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static P2Quantile read(DataInput in) throws IOException {
        P2Quantile q = new P2Quantile(in.readDouble());
        q.count = in.readLong();
        if (q.count < 0) {
            throw new IOException("negative quantile count " + q.count);
        }
        for (int i = 0; i < MARKERS; i++) {
            q.height[i] = in.readDouble();
            q.position[i] = in.readDouble();
            q.desired[i] = in.readDouble();
        }
        return q;
    }
}
