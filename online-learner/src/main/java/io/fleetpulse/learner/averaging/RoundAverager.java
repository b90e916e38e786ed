package io.fleetpulse.learner.averaging;

import io.fleetpulse.learner.servable.ModelFormatException;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The averager of one model: collects replica reports into a round and closes it when every replica
 * has reported or the straggler timeout has passed since the round opened, whichever comes first;
 * the closed round becomes the next versioned {@link ModelSnapshot}: FedAvg of the parameters, the
 * exact merge of the normalisation statistics, and the round's training metrics. A replica
 * reporting twice in one round counts once (its newer parameters, all its samples); a straggler's
 * report arriving after the round closed goes into the next one. Versions only grow, also across
 * restarts: a snapshot read back from the models topic with a higher version becomes the base.
 * Plain Java, so the Flink operator, tests and the evaluation drive the same logic.
 */
public final class RoundAverager {

    /** Metric names on published snapshots. */
    public static final String LOSS = "loss";

    public static final String ROUND_SAMPLES = "round.samples";
    public static final String ROUND_STEPS = "round.steps";
    public static final String ROUND_REPORTED = "round.replicasReported";
    public static final String ROUND_EXPECTED = "round.replicasExpected";
    public static final String ROUND_TIMED_OUT = "round.closedByTimeout";
    public static final String ROUND_MILLIS = "round.durationMs";

    /**
     * The oldest averaged version a replica of the round had adopted when it reported: once it
     * reaches v, every replica included has adopted v.
     */
    public static final String ROUND_OLDEST_BASE = "round.oldestBaseVersion";

    private final String modelName;
    private final long stragglerTimeoutMs;
    private ModelSnapshot global;
    private long version;
    private long round;
    private final TreeMap<Integer, ReplicaReport> open = new TreeMap<>();
    private long openedAt;

    public RoundAverager(String modelName, long stragglerTimeoutMs) {
        if (stragglerTimeoutMs < 1) {
            throw new IllegalArgumentException("straggler timeout must be >= 1 ms");
        }
        this.modelName = modelName;
        this.stragglerTimeoutMs = stragglerTimeoutMs;
    }

    public String modelName() {
        return modelName;
    }

    /** The newest snapshot, published here or read back; empty before the first. */
    public Optional<ModelSnapshot> latest() {
        return Optional.ofNullable(global);
    }

    public long version() {
        return version;
    }

    /** Replicas in the open round. */
    public int pending() {
        return open.size();
    }

    /** When the open round times out ({@link Long#MAX_VALUE} if none is open). */
    public long deadline() {
        return open.isEmpty() ? Long.MAX_VALUE : openedAt + stragglerTimeoutMs;
    }

    /**
     * Adds a report; if that completes the round (every replica the reports announce has reported),
     * returns the new snapshot.
     */
    public Optional<ModelSnapshot> offer(ReplicaReport report, long now) {
        if (!report.modelName().equals(modelName)) {
            throw new IllegalArgumentException(
                    "report of " + report.modelName() + " sent to the averager of " + modelName);
        }
        if (open.isEmpty()) {
            openedAt = now;
        }
        open.merge(report.replica(), report, ReplicaReport::followedBy);
        int expected = open.values().stream().mapToInt(ReplicaReport::parallelism).max().orElse(1);
        return open.size() >= expected ? close(now, false) : Optional.empty();
    }

    /** Closes the open round if its straggler timeout has passed. */
    public Optional<ModelSnapshot> onTime(long now) {
        return !open.isEmpty() && now >= deadline() ? close(now, true) : Optional.empty();
    }

    /** A snapshot read back from the models topic: a newer version becomes the base. */
    public void observe(ModelSnapshot published) {
        if (published.modelName().equals(modelName) && published.version() > version) {
            global = published;
            version = published.version();
            round = published.round();
        }
    }

    private Optional<ModelSnapshot> close(long now, boolean timedOut) {
        List<ReplicaReport> reports = new ArrayList<>(open.values());
        int expected = reports.stream().mapToInt(ReplicaReport::parallelism).max().orElse(1);
        open.clear();
        long samples = reports.stream().mapToLong(ReplicaReport::samples).sum();
        if (samples == 0) {
            return Optional.empty();
        }
        List<ReplicaReport> trained = reports.stream().filter(r -> r.samples() > 0).toList();
        long[] weights = trained.stream().mapToLong(ReplicaReport::samples).toArray();
        OnlineStandardizer stats =
                global == null ? reports.get(0).statsDelta().copy() : global.standardizer();
        for (int i = global == null ? 1 : 0; i < reports.size(); i++) {
            stats.merge(reports.get(i).statsDelta());
        }
        long steps = 0;
        double lossSum = 0;
        for (ReplicaReport r : trained) {
            steps += r.steps();
            if (r.steps() > 0 && !Double.isNaN(r.loss())) {
                lossSum += r.loss() * r.steps();
            }
        }
        version++;
        round++;
        ModelSnapshot.Builder b =
                ModelSnapshot.builder(modelName, version)
                        .optCreatedAt(Instant.ofEpochMilli(now))
                        .optRound(round)
                        .optReplicas(trained.stream().map(ReplicaReport::replica).toList())
                        .optSampleCount((global == null ? 0 : global.sampleCount()) + samples)
                        .setStandardizer(stats);
        FedAvg.weightedMean(trained.stream().map(ReplicaReport::parameters).toList(), weights)
                .forEach(b::addParameter);
        b.putMetric(LOSS, steps > 0 ? lossSum / steps : Double.NaN)
                .putMetric(ROUND_SAMPLES, samples)
                .putMetric(ROUND_STEPS, steps)
                .putMetric(ROUND_REPORTED, reports.size())
                .putMetric(ROUND_EXPECTED, expected)
                .putMetric(ROUND_TIMED_OUT, timedOut ? 1 : 0)
                .putMetric(ROUND_MILLIS, now - openedAt)
                .putMetric(
                        ROUND_OLDEST_BASE,
                        trained.stream().mapToLong(ReplicaReport::baseVersion).min().orElse(0));
        global = b.build();
        return Optional.of(global);
    }

    /** The complete state, for checkpoints. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(version);
            out.writeLong(round);
            out.writeLong(openedAt);
            writeBlob(out, global == null ? null : global.toBytes());
            out.writeInt(open.size());
            for (ReplicaReport r : open.values()) {
                writeBlob(out, r.toBytes(ParameterCompression.NONE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@link #toBytes()}. */
    public static RoundAverager fromBytes(String modelName, long stragglerTimeoutMs, byte[] state) {
        RoundAverager a = new RoundAverager(modelName, stragglerTimeoutMs);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            a.version = in.readLong();
            a.round = in.readLong();
            a.openedAt = in.readLong();
            byte[] global = readBlob(in);
            a.global = global == null ? null : ModelSnapshot.fromBytes(global);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                ReplicaReport r = ReplicaReport.fromBytes(readBlob(in));
                a.open.put(r.replica(), r);
            }
        } catch (IOException e) {
            throw new ModelFormatException("corrupt averager state", e);
        }
        return a;
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob == null ? -1 : blob.length);
        if (blob != null) {
            out.write(blob);
        }
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }
}
