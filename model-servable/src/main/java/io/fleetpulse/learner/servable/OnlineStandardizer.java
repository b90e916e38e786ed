package io.fleetpulse.learner.servable;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Per-feature mean and variance learned online (Welford's update), used to standardize feature
 * vectors before a model sees them. Replicas that each saw part of the stream merge exactly (Chan
 * et al.'s parallel update, weighted by sample counts), and the statistics travel inside a {@link
 * ModelSnapshot} in a compact, versioned binary form, so the learner and model-serving standardize
 * identically.
 *
 * <p>Standardizing divides by {@code max(std, minStd)}: a feature that was (nearly) constant in
 * training cannot blow a later value up to infinity. Not thread-safe while it is being updated; an
 * instance nobody updates any more may be read from any number of threads.
 */
public final class OnlineStandardizer {

    /** Default floor on the standard deviation used to standardize. */
    public static final double DEFAULT_MIN_STD = 1e-3;

    /** Most features one standardizer holds (guards decoding against corrupt counts). */
    public static final int MAX_FEATURES = 1 << 16;

    static final int MAGIC = 0x46505354; // "FPST"
    static final int FORMAT_VERSION = 1;
    private static final int MAX_NAME_BYTES = 256;

    private final List<String> featureNames;
    private final double minStd;
    private final double[] mean;
    private final double[] m2;
    private long count;

    /** An empty standardizer for the named features with {@link #DEFAULT_MIN_STD}. */
    public OnlineStandardizer(List<String> featureNames) {
        this(featureNames, DEFAULT_MIN_STD);
    }

    /** An empty standardizer for the named features dividing by at least {@code minStd}. */
    public OnlineStandardizer(List<String> featureNames, double minStd) {
        this(
                featureNames,
                minStd,
                0,
                new double[featureNames.size()],
                new double[featureNames.size()]);
    }

    private OnlineStandardizer(
            List<String> featureNames, double minStd, long count, double[] mean, double[] m2) {
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.size() > MAX_FEATURES) {
            throw new IllegalArgumentException(
                    "at most " + MAX_FEATURES + " features, got " + featureNames.size());
        }
        if (new HashSet<>(this.featureNames).size() != this.featureNames.size()) {
            throw new IllegalArgumentException("feature names must be unique: " + featureNames);
        }
        for (String name : this.featureNames) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature names must not be blank");
            }
        }
        if (!(minStd > 0) || !Double.isFinite(minStd)) {
            throw new IllegalArgumentException("minStd must be finite and > 0, was " + minStd);
        }
        this.minStd = minStd;
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /** Adds one sample. Every value must be finite; otherwise nothing changes and it throws. */
    public void update(double[] x) {
        requireVector(x);
        count++;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /** Adds everything {@code other} has seen, as if its samples had been fed to this one. */
    public void merge(OnlineStandardizer other) {
        if (!featureNames.equals(other.featureNames)) {
            throw new IllegalArgumentException(
                    "cannot merge standardizers of different features: "
                            + featureNames
                            + " vs "
                            + other.featureNames);
        }
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        double weightOther = (double) other.count / n;
        double cross = (double) count * other.count / n;
        for (int i = 0; i < mean.length; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * weightOther;
            m2[i] += other.m2[i] + delta * delta * cross;
        }
        count = n;
    }

    /** A new standardizer holding the exact combination of {@code parts} (none are changed). */
    public static OnlineStandardizer merged(Collection<OnlineStandardizer> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        OnlineStandardizer out = null;
        for (OnlineStandardizer part : parts) {
            if (out == null) {
                out = part.copy();
            } else {
                out.merge(part);
            }
        }
        return out;
    }

    /** {@code (x - mean) / max(std, minStd)} per feature, into a new array. */
    public double[] standardize(double[] x) {
        return standardize(x, new double[mean.length]);
    }

    /** As {@link #standardize(double[])}, writing into {@code out} and returning it. */
    public double[] standardize(double[] x, double[] out) {
        if (count == 0) {
            throw new IllegalStateException("cannot standardize before any sample was seen");
        }
        requireVector(x);
        for (int i = 0; i < mean.length; i++) {
            out[i] = (x[i] - mean[i]) / scale(i);
        }
        return out;
    }

    /** {@code (value - mean) / max(std, minStd)} of one feature. */
    public double standardize(int feature, double value) {
        if (count == 0) {
            throw new IllegalStateException("cannot standardize before any sample was seen");
        }
        return (value - mean[feature]) / scale(feature);
    }

    /** The inverse of {@link #standardize(int, double)}: a standardized value in its own units. */
    public double unstandardize(int feature, double z) {
        if (count == 0) {
            throw new IllegalStateException("cannot unstandardize before any sample was seen");
        }
        return z * scale(feature) + mean[feature];
    }

    private double scale(int i) {
        return Math.max(Math.sqrt(m2[i] / count), minStd);
    }

    private void requireVector(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException(
                    "expected " + mean.length + " features " + featureNames + ", got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "feature " + featureNames.get(i) + " is not a finite number: " + x[i]);
            }
        }
    }

    /** An independent copy. */
    public OnlineStandardizer copy() {
        return new OnlineStandardizer(featureNames, minStd, count, mean.clone(), m2.clone());
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int dimension() {
        return mean.length;
    }

    public double minStd() {
        return minStd;
    }

    /** Samples seen (summed over merged replicas). */
    public long count() {
        return count;
    }

    public double mean(int feature) {
        return mean[feature];
    }

    /** Population variance of feature {@code feature} (0 before any sample). */
    public double variance(int feature) {
        return count == 0 ? 0 : m2[feature] / count;
    }

    /** The compact binary form: magic, format version, fields, CRC-32. */
    public byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(MAGIC, FORMAT_VERSION);
        out.writeDouble(minStd).writeInt(featureNames.size());
        for (String name : featureNames) {
            out.writeString(name);
        }
        return out.writeLong(count).writeDoubles(mean).writeDoubles(m2).finish();
    }

    /**
     * Reads {@link #toBytes()}' form.
     *
     * @throws ModelFormatException if the bytes are not a valid standardizer this build reads
     */
    public static OnlineStandardizer fromBytes(byte[] bytes) {
        BinaryReader in = BinaryReader.open(bytes, MAGIC, FORMAT_VERSION, "standardizer");
        double minStd = in.readDouble("minStd");
        int n = in.readCount("feature count", MAX_FEATURES, Integer.BYTES);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.readString("feature name", MAX_NAME_BYTES);
        }
        long count = in.readLong("count");
        double[] mean = in.readDoubles("means", n);
        double[] m2 = in.readDoubles("squared deviations", n);
        in.expectEnd();
        if (count < 0) {
            throw in.invalid("negative count " + count);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(m2[i]) || m2[i] < 0) {
                throw in.invalid("feature " + names[i] + " has mean " + mean[i] + ", m2 " + m2[i]);
            }
        }
        try {
            return new OnlineStandardizer(Arrays.asList(names), minStd, count, mean, m2);
        } catch (IllegalArgumentException e) {
            throw in.invalid(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnlineStandardizer that
                && count == that.count
                && Double.compare(minStd, that.minStd) == 0
                && featureNames.equals(that.featureNames)
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(m2, that.m2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, count, Arrays.hashCode(mean));
    }

    @Override
    public String toString() {
        return "OnlineStandardizer[" + featureNames.size() + " features, " + count + " samples]";
    }
}
