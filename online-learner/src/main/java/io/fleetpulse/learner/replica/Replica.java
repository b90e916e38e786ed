package io.fleetpulse.learner.replica;

import ai.djl.Device;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.Severity;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelScore;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.learner.train.DjlRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One learner replica: the three models of {@link ModelKind}, trained on the windows routed to this
 * replica, scoring each window with their newest averaged version (test, then train), the adaptive
 * thresholds and physical rules that turn scores into {@link Finding}s, and the periodic reports
 * for the averager. Plain Java; the Flink operator, the evaluation and the benchmark drive it
 * alike. Owns native memory: close it. Not thread-safe.
 */
public final class Replica implements AutoCloseable {

    private static final int STATE_FORMAT = 1;

    private final LearnerSettings settings;
    private final int index;
    private final int parallelism;
    private final List<ReplicaModel> models = new ArrayList<>();
    private final PhysicalRules rules;
    private long lastReportAt;
    private long windows;

    /**
     * @param index this replica's index, {@code 0 <= index < parallelism}
     * @param now processing time (ms) the first report period starts at
     */
    public Replica(LearnerSettings settings, int index, int parallelism, long now) {
        if (index < 0 || index >= parallelism) {
            throw new IllegalArgumentException("replica " + index + " of " + parallelism);
        }
        this.settings = settings;
        this.index = index;
        this.parallelism = parallelism;
        this.rules = new PhysicalRules(settings.rules());
        this.lastReportAt = now;
        Device device = DjlRuntime.device(settings.device());
        try {
            for (ModelKind kind : ModelKind.values()) {
                models.add(new ReplicaModel(kind, settings, device));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int index() {
        return index;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Windows processed. */
    public long windows() {
        return windows;
    }

    /** Scores {@code v} with every model's averaged version, applies the rules, then learns it. */
    public ScoredWindow process(FeatureVector v) {
        windows++;
        int n = models.size();
        ScoredWindow out = new ScoredWindow();
        out.vehicleId = v.getVehicleId();
        out.driverId = v.getDriverId();
        out.windowKind = v.getWindowKind();
        out.windowStart = v.getWindowStart();
        out.windowEnd = v.getWindowEnd();
        out.models = new String[n];
        out.versions = new long[n];
        out.scores = new double[n];
        out.thresholds = new double[n];
        List<Finding> findings = new ArrayList<>();
        double[][] columns = new double[n][];
        for (int m = 0; m < n; m++) {
            ReplicaModel model = models.get(m);
            columns[m] = FeatureColumns.read(v, model.kind().standardizedColumns());
            out.models[m] = model.kind().modelName();
            out.versions[m] = model.version();
        }
        List<Finding> ruled = rules.check(v, out.versions[0]);
        for (int m = 0; m < n; m++) {
            ReplicaModel model = models.get(m);
            // Windows a rule flags do not teach the error scale what normal looks like.
            ModelScore score = model.score(columns[m], ruled.isEmpty());
            out.scores[m] = score == null ? Double.NaN : score.score();
            out.thresholds[m] = model.mayAlert() ? model.threshold().value() : Double.NaN;
            if (score != null) {
                if (model.mayAlert() && model.threshold().exceeds(score.score())) {
                    findings.add(modelFinding(model, score, columns[m]));
                }
                if (model.pastColdStart()) {
                    model.threshold().add(score.score());
                }
            }
        }
        findings.addAll(ruled);
        out.findings = findings.toArray(new Finding[0]);
        if (findings.isEmpty() || !settings.skipTrainingOnFindings()) {
            for (int m = 0; m < n; m++) {
                models.get(m).learn(columns[m]);
            }
        }
        return out;
    }

    private Finding modelFinding(ReplicaModel model, ModelScore score, double[] columns) {
        ServableModel scoring = model.scoring();
        double threshold = model.threshold().value();
        return new Finding(
                model.kind().alertKind(),
                Finding.MODEL,
                Severity.ofRatio(score.score() / threshold),
                score.score(),
                threshold,
                model.kind().modelName(),
                score.version(),
                scoring.explain(columns, settings.explainTop()));
    }

    /**
     * Whether a report is due: the report period has passed since the last one and something was
     * trained, or some model trained the configured number of mini-batches.
     */
    public boolean reportDue(long now) {
        boolean trained = false;
        for (ReplicaModel m : models) {
            if (m.stepsSinceReport() >= settings.reportEveryBatches()) {
                return true;
            }
            trained |= m.samplesSinceReport() > 0;
        }
        return trained && now - lastReportAt >= settings.reportEveryMs();
    }

    /** One report per model (those that saw nothing are left out); starts the next period. */
    public List<ReplicaReport> reports(long now) {
        lastReportAt = now;
        List<ReplicaReport> out = new ArrayList<>(models.size());
        for (ReplicaModel m : models) {
            ReplicaReport r = m.report(index, parallelism, now);
            if (r.samples() > 0 || r.statsDelta().count() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Adopts a newer averaged snapshot of one of its models.
     *
     * @return whether it was adopted (false for an older version or another model)
     * @throws IllegalArgumentException if the snapshot does not fit the model it names
     */
    public boolean adopt(ModelSnapshot snapshot) {
        Optional<ModelKind> kind = ModelKind.forModelName(snapshot.modelName());
        if (kind.isEmpty()) {
            return false;
        }
        return models.get(kind.get().ordinal()).adopt(snapshot);
    }

    /** The version of {@code kind} this replica scores with (0 before the first). */
    public long version(ModelKind kind) {
        return models.get(kind.ordinal()).version();
    }

    /** The adopted version of {@code kind}, if any. */
    public Optional<ServableModel> scoring(ModelKind kind) {
        return Optional.ofNullable(models.get(kind.ordinal()).scoring());
    }

    /** A copy of the parameters {@code kind} holds now (for tests and checks). */
    public List<io.fleetpulse.learner.servable.NamedTensor> parameters(ModelKind kind) {
        return models.get(kind.ordinal()).network().parameters();
    }

    /** The complete state: parameters, optimiser, statistics, thresholds, unreported work. */
    public byte[] state() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(STATE_FORMAT);
            out.writeInt(index);
            out.writeLong(windows);
            out.writeInt(models.size());
            for (ReplicaModel m : models) {
                out.writeUTF(m.kind().modelName());
                m.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The replica index a {@link #state()} was taken from. */
    public static int indexOf(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            in.readByte();
            return in.readInt();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a replica state", e);
        }
    }

    /**
     * Restores a {@link #state()} into this replica (which keeps its own index and parallelism, so
     * a state may move to another replica after a change of parallelism).
     */
    public void restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int format = in.readUnsignedByte();
            if (format != STATE_FORMAT) {
                throw new IllegalArgumentException("unsupported replica state format " + format);
            }
            in.readInt();
            windows = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                ModelKind kind =
                        ModelKind.forModelName(name)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "unknown model " + name));
                models.get(kind.ordinal()).read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt replica state", e);
        }
    }

    @Override
    public void close() {
        for (ReplicaModel m : models) {
            m.close();
        }
    }
}
