package io.fleetpulse.learner.replica;

import ai.djl.Device;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.detect.AdaptiveThreshold;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelScore;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.learner.train.OnlineNetwork;
import io.fleetpulse.learner.train.OptimizerState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One model inside one replica: the network being trained (DJL), the statistics it standardizes
 * with (everything adopted plus what this replica saw since), the newest averaged version it scores
 * with, its adaptive threshold, the mini-batch being filled, and what it has not yet reported.
 * Training standardizes with the replica's own current statistics; scoring uses the adopted
 * snapshot only, so every score names a version anyone can reproduce.
 */
final class ReplicaModel implements AutoCloseable {

    private final ModelKind kind;
    private final LearnerSettings settings;
    private final OnlineNetwork net;
    private final int inputs;
    private final int outputs;
    private OnlineStandardizer current;
    private OnlineStandardizer pending;
    private ServableModel scoring;
    private AdaptiveThreshold threshold;
    private final float[] x;
    private final float[] y;
    private int rows;
    private long samplesSinceReport;
    private long stepsSinceReport;
    private double lossSinceReport;
    private long sequence;

    /** The parameters of the last report (or of the last adoption): the base of local progress. */
    private List<NamedTensor> base;

    /** Autoencoder: running mean of each input's squared reconstruction error (error scale). */
    private final double[] sqError;

    private long sqErrorCount;

    /** Scored windows over which the error scale averages (its memory). */
    private static final int ERROR_SCALE_MEMORY = 2_000;

    ReplicaModel(ModelKind kind, LearnerSettings settings, Device device) {
        this.kind = kind;
        this.settings = settings;
        var spec = kind.networkSpec();
        this.net =
                new OnlineNetwork(
                        spec, device, settings.adam(), spec.initialParameters(settings.seed()));
        this.inputs = spec.inputWidth();
        this.outputs = spec.outputWidth();
        this.current = new OnlineStandardizer(kind.standardizedColumns());
        this.pending = new OnlineStandardizer(kind.standardizedColumns());
        this.threshold = new AdaptiveThreshold(settings.thresholds());
        this.base = net.parameters();
        this.sqError = new double[kind.isRegressor() ? 0 : inputs];
        // Until the replica has scored anything, it reports the unit scale of standardized inputs
        // (what an unscaled score assumes), not zero: a zero would be floored to MIN_ERROR_SCALE in
        // the average and inflate the first versions' scores a thousandfold. The first measured
        // error replaces the prior entirely (its weight is 1).
        java.util.Arrays.fill(sqError, 1.0);
        this.x = new float[settings.batchSize() * inputs];
        this.y = new float[settings.batchSize() * outputs];
    }

    ModelKind kind() {
        return kind;
    }

    /** The adopted version scoring with, or null before the first. */
    ServableModel scoring() {
        return scoring;
    }

    long version() {
        return scoring == null ? 0 : scoring.version();
    }

    AdaptiveThreshold threshold() {
        return threshold;
    }

    OnlineNetwork network() {
        return net;
    }

    OnlineStandardizer currentStatistics() {
        return current.copy();
    }

    long stepsSinceReport() {
        return stepsSinceReport;
    }

    long samplesSinceReport() {
        return samplesSinceReport;
    }

    /**
     * The adopted version's score of {@code columns}, or null before the first version; the
     * autoencoder also learns its error scale from it (unless {@code learnScale} is false).
     */
    ModelScore score(double[] columns, boolean learnScale) {
        if (scoring == null) {
            return null;
        }
        if (sqError.length == 0 || !learnScale) {
            return scoring.score(columns);
        }
        double[] errors = new double[sqError.length];
        ModelScore s = scoring.score(columns, errors);
        sqErrorCount++;
        double w = 1.0 / Math.min(sqErrorCount, ERROR_SCALE_MEMORY);
        for (int i = 0; i < errors.length; i++) {
            sqError[i] += w * (errors[i] - sqError[i]);
        }
        return s;
    }

    /** Whether the adopted version was trained on enough samples to alert. */
    boolean pastColdStart() {
        return scoring != null && scoring.snapshot().sampleCount() >= settings.coldStartSamples();
    }

    /** Whether the adopted version is past cold start and its threshold ready. */
    boolean mayAlert() {
        return pastColdStart() && threshold.ready();
    }

    /** Learns from one window's columns; trains a step when the mini-batch is full. */
    void learn(double[] columns) {
        current.update(columns);
        pending.update(columns);
        double[] z = ServableModel.standardizeInputs(current, columns, inputs);
        int row = rows * inputs;
        for (int i = 0; i < inputs; i++) {
            x[row + i] = (float) z[i];
        }
        if (kind.isRegressor()) {
            y[rows] = (float) ServableModel.clip(current.standardize(inputs, columns[inputs]));
        } else {
            System.arraycopy(x, row, y, row, inputs);
        }
        rows++;
        if (rows == settings.batchSize()) {
            double loss = net.trainStep(x, y, rows);
            samplesSinceReport += rows;
            stepsSinceReport++;
            lossSinceReport += loss;
            rows = 0;
        }
    }

    /** The report of everything since the previous one; starts the next period. */
    ReplicaReport report(int replica, int parallelism, long now) {
        base = net.parameters();
        ReplicaReport r =
                new ReplicaReport(
                        kind.modelName(),
                        replica,
                        parallelism,
                        ++sequence,
                        version(),
                        samplesSinceReport,
                        stepsSinceReport,
                        stepsSinceReport == 0 ? Double.NaN : lossSinceReport / stepsSinceReport,
                        pending,
                        withErrorScale(base),
                        now);
        pending = new OnlineStandardizer(kind.standardizedColumns());
        samplesSinceReport = 0;
        stepsSinceReport = 0;
        lossSinceReport = 0;
        return r;
    }

    /**
     * Adopts a newer averaged version: its parameters replace the replica's (plus, with {@link
     * LearnerSettings#keepLocalProgress()}, the replica's own change since its last report), its
     * statistics plus what the replica saw since its last report become the current ones. Older or
     * equal versions are ignored.
     *
     * @return whether it was adopted
     * @throws IllegalArgumentException if the snapshot does not fit this model
     */
    boolean adopt(ModelSnapshot snapshot) {
        if (snapshot.version() <= version()) {
            return false;
        }
        ServableModel servable = ServableModel.of(snapshot);
        List<NamedTensor> averaged = ServableModel.networkTensors(snapshot.parameters());
        net.setParameters(
                settings.keepLocalProgress()
                        ? plusProgress(averaged, net.parameters(), base)
                        : averaged);
        base = averaged;
        OnlineStandardizer stats = snapshot.standardizer();
        stats.merge(pending);
        current = stats;
        scoring = servable;
        return true;
    }

    private List<NamedTensor> withErrorScale(List<NamedTensor> network) {
        if (sqError.length == 0) {
            return network;
        }
        float[] scale = new float[sqError.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = (float) sqError[i];
        }
        List<NamedTensor> out = new ArrayList<>(network);
        out.add(new NamedTensor(ServableModel.ERROR_SCALE, new long[] {scale.length}, scale));
        return out;
    }

    /** {@code averaged + (now - base)}, tensor by tensor. */
    private static List<NamedTensor> plusProgress(
            List<NamedTensor> averaged, List<NamedTensor> now, List<NamedTensor> base) {
        List<NamedTensor> out = new ArrayList<>(averaged.size());
        for (int t = 0; t < averaged.size(); t++) {
            NamedTensor a = averaged.get(t);
            NamedTensor n = now.get(t);
            NamedTensor b = base.get(t);
            float[] v = new float[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.get(i) + (n.get(i) - b.get(i));
            }
            out.add(new NamedTensor(a.name(), a.shape(), v));
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        StateIO.writeTensors(out, net.parameters());
        StateIO.writeTensors(out, base);
        OptimizerState opt = net.optimizerState();
        out.writeLong(opt.steps());
        StateIO.writeTensors(out, opt.means());
        StateIO.writeTensors(out, opt.variances());
        StateIO.writeBlob(out, current.toBytes());
        StateIO.writeBlob(out, pending.toBytes());
        StateIO.writeBlob(out, scoring == null ? null : scoring.snapshot().toBytes());
        threshold.write(out);
        StateIO.writeFloats(out, x, rows * inputs);
        StateIO.writeFloats(out, y, rows * outputs);
        out.writeLong(samplesSinceReport);
        out.writeLong(stepsSinceReport);
        out.writeDouble(lossSinceReport);
        out.writeLong(sequence);
        out.writeInt(sqError.length);
        for (double e : sqError) {
            out.writeDouble(e);
        }
        out.writeLong(sqErrorCount);
    }

    void read(DataInput in) throws IOException {
        net.setParameters(StateIO.readTensors(in));
        base = StateIO.readTensors(in);
        long steps = in.readLong();
        net.setOptimizerState(
                new OptimizerState(steps, StateIO.readTensors(in), StateIO.readTensors(in)));
        current = OnlineStandardizer.fromBytes(StateIO.readBlob(in));
        pending = OnlineStandardizer.fromBytes(StateIO.readBlob(in));
        byte[] snapshot = StateIO.readBlob(in);
        scoring = snapshot == null ? null : ServableModel.of(ModelSnapshot.fromBytes(snapshot));
        threshold = AdaptiveThreshold.read(in, settings.thresholds());
        float[] savedX = new float[in.readInt()];
        for (int i = 0; i < savedX.length; i++) {
            savedX[i] = in.readFloat();
        }
        float[] savedY = new float[in.readInt()];
        for (int i = 0; i < savedY.length; i++) {
            savedY[i] = in.readFloat();
        }
        // A smaller batch size after a restart keeps what fits and trains on it normally.
        rows = Math.min(savedX.length / inputs, settings.batchSize() - 1);
        System.arraycopy(savedX, 0, x, 0, rows * inputs);
        System.arraycopy(savedY, 0, y, 0, rows * outputs);
        samplesSinceReport = in.readLong();
        stepsSinceReport = in.readLong();
        lossSinceReport = in.readDouble();
        sequence = in.readLong();
        int n = in.readInt();
        if (n != sqError.length) {
            throw new IOException("error scale of " + n + " inputs, expected " + sqError.length);
        }
        for (int i = 0; i < n; i++) {
            sqError[i] = in.readDouble();
        }
        sqErrorCount = in.readLong();
    }

    @Override
    public void close() {
        net.close();
    }
}
