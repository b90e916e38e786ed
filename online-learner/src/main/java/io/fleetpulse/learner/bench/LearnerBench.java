package io.fleetpulse.learner.bench;

import ai.djl.Device;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.replica.LocalLearner;
import io.fleetpulse.learner.replica.Replica;
import io.fleetpulse.learner.servable.DenseNetwork;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.learner.train.DjlRuntime;
import io.fleetpulse.learner.train.OnlineNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code fleet bench learner}: how fast the learner trains, scores and averages on this machine,
 * against what the features of a 50,000 events/s fleet demand. Each measurement runs for a fixed
 * time after a warm-up and reports a rate; nothing is asserted.
 */
public final class LearnerBench {

    /** FeatureJob's output for 10,000 vehicles: one 10 s tumbling and one sliding window each. */
    public static final double FEATURE_RATE_AT_50K_EVENTS = 10_000 * 2 / 10.0;

    /**
     * @param seconds how long each measurement runs
     * @param vehicles vehicles in the synthetic stream
     * @param repeats runs of each measurement after one warm-up; the median is reported
     */
    public record Settings(LearnerSettings learner, double seconds, int vehicles, int repeats) {

        public Settings {
            if (!(seconds > 0) || vehicles < 1 || repeats < 1) {
                throw new IllegalArgumentException(
                        "--seconds, --vehicles and --repeats must be positive");
            }
        }
    }

    /** Runs of one measurement, per second; {@link #median()} is what the table reports. */
    record Rates(double[] perSecond) {

        double median() {
            double[] sorted = perSecond.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        String runs() {
            StringBuilder b = new StringBuilder();
            for (double r : perSecond) {
                b.append(b.length() == 0 ? "" : " / ").append(Math.round(r));
            }
            return b.toString();
        }
    }

    private final Settings settings;
    private final BenchReport report;

    public LearnerBench(Settings settings) {
        this.settings = settings;
        this.report =
                BenchReport.create(
                        "learner", "Online learner: training, scoring and averaging throughput");
    }

    public BenchReport run() throws Exception {
        LearnerSettings s = settings.learner();
        Device device = DjlRuntime.device(s.device());
        report.setting("device", device.toString());
        report.setting("batch size", s.batchSize());
        report.setting(
                "averaging every",
                s.reportEveryMs() + " ms or " + s.reportEveryBatches() + " batches");
        report.setting("seconds per measurement", settings.seconds());
        report.setting("repeats (median reported)", settings.repeats());
        report.setting(
                "threads (PyTorch intra/inter-op)",
                System.getProperty("ai.djl.pytorch.num_threads")
                        + "/"
                        + System.getProperty("ai.djl.pytorch.num_interop_threads"));
        report.setting("feature vectors/s at 50,000 events/s", FEATURE_RATE_AT_50K_EVENTS);
        trainingSteps(device);
        scoring();
        double p1 = endToEnd(1);
        double p2 = endToEnd(2);
        double threaded = threadedReplicas(2);
        report.row("headroom vs 50,000 events/s")
                .put("P=1 ratio", p1 / FEATURE_RATE_AT_50K_EVENTS)
                .put("P=2 ratio", p2 / FEATURE_RATE_AT_50K_EVENTS)
                .put("P=2 threads ratio", threaded / FEATURE_RATE_AT_50K_EVENTS);
        new CompressionBench(s, settings.vehicles()).addTo(report);
        report.note(
                "Training step = one Adam step of one model on a mini-batch (DJL PyTorch). A vector"
                        + " costs three models' scoring plus, every batch size vectors, one step"
                        + " of each.");
        report.note(
                "P=2 runs both replicas in one thread (LocalLearner) and, as 'threads', in two;"
                        + " DJL's PyTorch gradient collector is one per JVM, so replicas in one JVM"
                        + " take turns for forward+backward. Task managers in separate JVMs do not.");
        report.note(
                "Round time = averaging a closed round (FedAvg + exact statistics merge, reports"
                        + " through their byte form) and every replica adopting it, in-process;"
                        + " in the job a round also waits for the checkpoint that commits it.");
        return report;
    }

    private void trainingSteps(Device device) {
        int batch = settings.learner().batchSize();
        for (ModelKind kind : ModelKind.values()) {
            DenseNetwork.Spec spec = kind.networkSpec();
            SplittableRandom random = new SplittableRandom(1);
            float[] x = new float[batch * spec.inputWidth()];
            float[] y = new float[batch * spec.outputWidth()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextDouble() * 2 - 1);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (random.nextDouble() * 2 - 1);
            }
            try (OnlineNetwork net =
                    new OnlineNetwork(
                            spec, device, settings.learner().adam(), spec.initialParameters(1))) {
                Rates steps = timed(() -> net.trainStep(x, y, batch));
                report.row("train " + kind.modelName())
                        .put("steps/s", steps.median())
                        .put("vectors/s", steps.median() * batch)
                        .put("parameters", parameters(spec))
                        .put("runs (steps/s)", steps.runs());
            }
        }
    }

    private static long parameters(DenseNetwork.Spec spec) {
        return spec.shapesOnly().stream().mapToLong(t -> t.size()).sum();
    }

    private void scoring() {
        SyntheticFeatures data = new SyntheticFeatures(2, settings.vehicles());
        List<ServableModel> models = new ArrayList<>();
        try (LocalLearner learner = new LocalLearner(settings.learner(), 1, 5_000, 0, s -> {})) {
            for (int i = 0; i < 4_000; i++) {
                learner.process(data.next(), i);
            }
            learner.flush(4_000);
            for (ModelKind kind : ModelKind.values()) {
                models.add(learner.replicas().get(0).scoring(kind).orElseThrow());
            }
        }
        List<FeatureVector> probe = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            probe.add(data.next());
        }
        int[] next = {0};
        double[] sink = {0};
        Rates vectors =
                timed(
                        () -> {
                            FeatureVector v = probe.get(next[0]++ % probe.size());
                            for (ServableModel m : models) {
                                sink[0] += m.score(v).score();
                            }
                        });
        report.row("score 3 models (plain Java, no training)")
                .put("vectors/s", vectors.median())
                .put("runs (vectors/s)", vectors.runs());
    }

    private double endToEnd(int replicas) {
        SyntheticFeatures data = new SyntheticFeatures(3, settings.vehicles());
        long[] now = {0};
        try (LocalLearner learner =
                new LocalLearner(settings.learner(), replicas, 5_000, 0, s -> {})) {
            Rates vectors = timed(() -> learner.process(data.next(), now[0]++));
            report.row("replicas P=" + replicas + " (score + rules + train + average)")
                    .put("vectors/s", vectors.median())
                    .put("rounds", learner.rounds())
                    .put("round ms", learner.meanRoundNanos() / 1e6)
                    .put("runs (vectors/s)", vectors.runs());
            return vectors.median();
        }
    }

    private double threadedReplicas(int p) throws Exception {
        List<Replica> replicas = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(p);
        try {
            for (int i = 0; i < p; i++) {
                replicas.add(new Replica(settings.learner(), i, p, 0));
            }
            List<Future<Rates>> counts = new ArrayList<>();
            for (Replica r : replicas) {
                SyntheticFeatures data = new SyntheticFeatures(10 + r.index(), settings.vehicles());
                counts.add(pool.submit(() -> timed(() -> r.process(data.next()))));
            }
            double[] total = new double[settings.repeats()];
            for (Future<Rates> c : counts) {
                double[] runs = c.get().perSecond();
                for (int i = 0; i < total.length; i++) {
                    total[i] += runs[i];
                }
            }
            Rates rates = new Rates(total);
            report.row("replicas P=" + p + " in " + p + " threads (no averaging)")
                    .put("vectors/s", rates.median())
                    .put("runs (vectors/s)", rates.runs());
            return rates.median();
        } finally {
            pool.shutdownNow();
            replicas.forEach(Replica::close);
        }
    }

    /**
     * Warms up for a fifth of the time, then runs {@code work} for the set time, {@code repeats}
     * times; returns the rate of each repeat.
     */
    private Rates timed(Runnable work) {
        long warm = System.nanoTime() + (long) (settings.seconds() * 2e8);
        while (System.nanoTime() < warm) {
            work.run();
        }
        double[] rates = new double[settings.repeats()];
        for (int r = 0; r < rates.length; r++) {
            long start = System.nanoTime();
            long end = start + (long) (settings.seconds() * 1e9);
            long n = 0;
            long now = start;
            while (now < end) {
                work.run();
                n++;
                now = System.nanoTime();
            }
            rates[r] = n / ((now - start) / 1e9);
        }
        return new Rates(rates);
    }
}
