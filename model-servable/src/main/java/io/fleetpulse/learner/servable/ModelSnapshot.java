package io.fleetpulse.learner.servable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One immutable, versioned state of a model as the averager publishes it to the compacted models
 * topic (key: the model name) and as model-serving serves it: the averaged parameters, the
 * normalisation statistics its inputs are standardized with, and where it came from (round,
 * replicas, samples) with its training metrics. {@link #toBytes()} is its wire form ({@link
 * ModelSnapshotCodec}).
 */
public final class ModelSnapshot {

    /** Model names: safe as a Kafka key, a URL path segment and a file name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final String modelName;
    private final long version;
    private final Instant createdAt;
    private final long round;
    private final List<Integer> replicas;
    private final long sampleCount;
    private final OnlineStandardizer standardizer;
    private final Map<String, NamedTensor> parameters;
    private final Map<String, Double> metrics;

    private ModelSnapshot(Builder b) {
        this.modelName = b.modelName;
        this.version = b.version;
        this.createdAt = b.createdAt.truncatedTo(ChronoUnit.MILLIS);
        this.round = b.round;
        this.replicas = List.copyOf(new TreeSet<>(b.replicas));
        this.sampleCount = b.sampleCount;
        this.standardizer = b.standardizer.copy();
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
    }

    /** Starts a snapshot of {@code modelName} at {@code version}. */
    public static Builder builder(String modelName, long version) {
        return new Builder(modelName, version);
    }

    public String modelName() {
        return modelName;
    }

    /** Increases with every snapshot of the same model; never reused. */
    public long version() {
        return version;
    }

    /** When the averager built it (millisecond precision). */
    public Instant createdAt() {
        return createdAt;
    }

    /** The averaging round that produced it. */
    public long round() {
        return round;
    }

    /** The replica (subtask) indices whose parameters the average includes, ascending. */
    public List<Integer> replicas() {
        return replicas;
    }

    /** Samples the model has been trained on, over all replicas. */
    public long sampleCount() {
        return sampleCount;
    }

    /** A copy of the normalisation statistics (callers may update the copy freely). */
    public OnlineStandardizer standardizer() {
        return standardizer.copy();
    }

    /** Standardizes an input vector with this snapshot's statistics (thread-safe). */
    public double[] standardize(double[] features) {
        return standardizer.standardize(features);
    }

    /** The model's input features, in order. */
    public List<String> featureNames() {
        return standardizer.featureNames();
    }

    /** The parameters in the order the model declares them. */
    public List<NamedTensor> parameters() {
        return List.copyOf(parameters.values());
    }

    /** The parameter called {@code name}. */
    public NamedTensor parameter(String name) {
        NamedTensor t = parameters.get(name);
        if (t == null) {
            throw new NoSuchElementException(
                    modelName
                            + " v"
                            + version
                            + " has no parameter "
                            + name
                            + "; it has "
                            + parameters.keySet());
        }
        return t;
    }

    /** Training metrics (e.g. {@code loss}), in insertion order. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The binary wire form. */
    public byte[] toBytes() {
        return ModelSnapshotCodec.encode(this);
    }

    /**
     * Reads {@link #toBytes()}' form.
     *
     * @throws ModelFormatException if the bytes are not a valid snapshot this build reads
     */
    public static ModelSnapshot fromBytes(byte[] bytes) {
        return ModelSnapshotCodec.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSnapshot that
                && version == that.version
                && round == that.round
                && sampleCount == that.sampleCount
                && modelName.equals(that.modelName)
                && createdAt.equals(that.createdAt)
                && replicas.equals(that.replicas)
                && standardizer.equals(that.standardizer)
                && List.copyOf(parameters.values()).equals(List.copyOf(that.parameters.values()))
                && List.copyOf(metrics.entrySet()).equals(List.copyOf(that.metrics.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelName, version, createdAt, round);
    }

    @Override
    public String toString() {
        return "ModelSnapshot["
                + modelName
                + " v"
                + version
                + ", round "
                + round
                + ", "
                + sampleCount
                + " samples, "
                + parameters.size()
                + " tensors, created "
                + createdAt
                + "]";
    }

    /** Builds a {@link ModelSnapshot}: {@code setX} for what is required, {@code optX} the rest. */
    public static final class Builder {
        private final String modelName;
        private final long version;
        private Instant createdAt = Instant.now();
        private long round;
        private final List<Integer> replicas = new ArrayList<>();
        private long sampleCount;
        private OnlineStandardizer standardizer;
        private final Map<String, NamedTensor> parameters = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Builder(String modelName, long version) {
            if (modelName == null || !NAME.matcher(modelName).matches()) {
                throw new IllegalArgumentException(
                        "model name must match " + NAME.pattern() + ", was " + modelName);
            }
            if (version < 0) {
                throw new IllegalArgumentException("version must be >= 0, was " + version);
            }
            this.modelName = modelName;
            this.version = version;
        }

        /** The normalisation statistics (required); copied. */
        public Builder setStandardizer(OnlineStandardizer standardizer) {
            this.standardizer = Objects.requireNonNull(standardizer, "standardizer");
            return this;
        }

        /** Defaults to now. */
        public Builder optCreatedAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        public Builder optRound(long round) {
            this.round = requireNonNegative("round", round);
            return this;
        }

        public Builder optReplicas(List<Integer> replicaIndices) {
            for (Integer r : replicaIndices) {
                requireNonNegative("replica index", r);
            }
            replicas.clear();
            replicas.addAll(replicaIndices);
            return this;
        }

        public Builder optSampleCount(long sampleCount) {
            this.sampleCount = requireNonNegative("sample count", sampleCount);
            return this;
        }

        /** Appends a parameter; names must be unique. */
        public Builder addParameter(NamedTensor tensor) {
            if (parameters.putIfAbsent(tensor.name(), tensor) != null) {
                throw new IllegalArgumentException("duplicate parameter " + tensor.name());
            }
            return this;
        }

        /** Sets a training metric. */
        public Builder putMetric(String name, double value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a metric needs a name");
            }
            metrics.put(name, value);
            return this;
        }

        public ModelSnapshot build() {
            if (standardizer == null) {
                throw new IllegalStateException(modelName + ": a snapshot needs its standardizer");
            }
            return new ModelSnapshot(this);
        }

        private static long requireNonNegative(String what, long v) {
            if (v < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, was " + v);
            }
            return v;
        }
    }
}
