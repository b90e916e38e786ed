package io.fleetpulse.learner.replica;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.averaging.RoundAverager;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The learner without Flink, in one thread: {@code P} replicas fed round-robin, their reports
 * averaged by a {@link RoundAverager} per model, each new snapshot adopted by every replica at once
 * (where the job adopts it after a trip through the models topic). Used by the evaluation, the
 * benchmark and tests, with the same replica, averaging and detection code as the job.
 */
public final class LocalLearner implements AutoCloseable {

    private final List<Replica> replicas = new ArrayList<>();
    private final Map<String, RoundAverager> averagers = new LinkedHashMap<>();
    private final Consumer<ModelSnapshot> published;
    private final ReportCodec codec;
    private long next;
    private long rounds;
    private long roundNanos;

    /** Reports pass through their byte form (with the settings' compression), as in the job. */
    private record ReportCodec(LearnerSettings settings) {
        ReplicaReport transmit(ReplicaReport r) {
            return ReplicaReport.fromBytes(r.toBytes(settings.compression()));
        }
    }

    /**
     * @param published receives every published snapshot
     */
    public LocalLearner(
            LearnerSettings settings,
            int parallelism,
            long stragglerTimeoutMs,
            long now,
            Consumer<ModelSnapshot> published) {
        this.published = published;
        this.codec = new ReportCodec(settings);
        try {
            for (int i = 0; i < parallelism; i++) {
                replicas.add(new Replica(settings, i, parallelism, now));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        for (ModelKind kind : ModelKind.values()) {
            averagers.put(
                    kind.modelName(), new RoundAverager(kind.modelName(), stragglerTimeoutMs));
        }
    }

    /** Scores and learns one window on the next replica; runs any averaging round that is due. */
    public ScoredWindow process(FeatureVector v, long now) {
        Replica r = replicas.get((int) (next++ % replicas.size()));
        ScoredWindow out = r.process(v);
        if (r.reportDue(now)) {
            deliver(r.reports(now), now);
        }
        for (RoundAverager a : averagers.values()) {
            a.onTime(now).ifPresent(this::publish);
        }
        return out;
    }

    /** Makes every replica report now and closes the rounds (e.g. at the end of a run). */
    public void flush(long now) {
        for (Replica r : replicas) {
            deliver(r.reports(now), now);
        }
    }

    private void deliver(List<ReplicaReport> reports, long now) {
        for (ReplicaReport report : reports) {
            long start = System.nanoTime();
            averagers
                    .get(report.modelName())
                    .offer(codec.transmit(report), now)
                    .ifPresent(
                            s -> {
                                publish(s);
                                rounds++;
                                roundNanos += System.nanoTime() - start;
                            });
        }
    }

    private void publish(ModelSnapshot s) {
        for (Replica r : replicas) {
            r.adopt(s);
        }
        published.accept(s);
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /** Rounds closed by a complete set of reports. */
    public long rounds() {
        return rounds;
    }

    /** Mean time to close a round and have every replica adopt it, ns. */
    public double meanRoundNanos() {
        return rounds == 0 ? Double.NaN : (double) roundNanos / rounds;
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.close();
        }
    }
}
