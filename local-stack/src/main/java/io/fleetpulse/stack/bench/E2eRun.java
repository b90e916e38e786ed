package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.KafkaInspector;
import io.fleetpulse.stack.SimulatorLoad;
import io.fleetpulse.stack.observe.LatencyStream;
import io.fleetpulse.stack.observe.PinotProbe;
import io.fleetpulse.stack.observe.PipelineProbe;
import io.fleetpulse.stack.observe.ProcessSampler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * One run of {@code fleet bench e2e} at one rate against a running stack: the simulator paced at
 * the rate for warm-up + duration, a {@link PipelineProbe} on the outputs, Pinot's freshness, lag
 * per consumer group and CPU/memory per process, sampled every interval. Totals count only after
 * the warm-up.
 */
public final class E2eRun {

    /** What one run measured. */
    public record Result(
            int rate,
            List<E2eSample> samples,
            Histogram imputed,
            Histogram features,
            Histogram alerts,
            Histogram pinotFreshness,
            Map<String, Long> alertsByKind,
            double imputationRate,
            String loadFailure) {

        List<E2eSample> measured() {
            return samples.stream().filter(E2eSample::measured).toList();
        }

        /** Acknowledged events/s over the measured time. */
        public double offered() {
            return overMeasuredTime(E2eSample::offered);
        }

        /** Imputed events/s readable over the measured time. */
        public double processed() {
            return overMeasuredTime(E2eSample::processed);
        }

        /**
         * A rate over the measured time: each sample's rate weighted by the interval it covers
         * (since the previous sample). Samples are a second apart only when the machine has time to
         * take them; exactly-once output arrives in bursts at checkpoints, so a plain mean of the
         * samples' rates over- or under-counts whichever bursts fell in short intervals.
         */
        private double overMeasuredTime(ToDoubleFunction<E2eSample> rate) {
            double events = 0;
            double time = 0;
            for (int i = 1; i < samples.size(); i++) {
                E2eSample s = samples.get(i);
                if (s.measured()) {
                    double dt = s.seconds() - samples.get(i - 1).seconds();
                    events += rate.applyAsDouble(s) * dt;
                    time += dt;
                }
            }
            return time > 0 ? events / time : 0;
        }

        /** Least-squares slope of the summed lag over the measured samples, records/s. */
        public double lagSlope() {
            List<E2eSample> m = measured();
            int n = m.size();
            if (n < 2) {
                return 0;
            }
            double mx = m.stream().mapToDouble(E2eSample::seconds).average().orElse(0);
            double my = m.stream().mapToDouble(E2eSample::totalLag).average().orElse(0);
            double num = 0;
            double den = 0;
            for (E2eSample s : m) {
                num += (s.seconds() - mx) * (s.totalLag() - my);
                den += (s.seconds() - mx) * (s.seconds() - mx);
            }
            return den == 0 ? 0 : num / den;
        }

        /**
         * Sustained: the pipeline processed at least 95 % of what was offered, and lag grew by less
         * than 2 % of the rate per second (a backlog that grows faster is not a delay).
         */
        public boolean sustained() {
            return loadFailure == null
                    && processed() >= 0.95 * offered()
                    && lagSlope() < 0.02 * rate;
        }

        public long maxLag() {
            return measured().stream().mapToLong(E2eSample::totalLag).max().orElse(0);
        }

        public long maxTotalRss() {
            return measured().stream().mapToLong(E2eSample::totalRss).max().orElse(0);
        }
    }

    private E2eRun() {}

    /**
     * @param pids the stack's processes by name (this JVM, which runs the simulator, included)
     * @param pinotBroker the Pinot broker's URL, or null to skip Pinot
     */
    public static Result run(
            String bootstrap,
            Topics topics,
            Map<String, Long> pids,
            String pinotBroker,
            int rate,
            int vehicles,
            Duration warmup,
            Duration duration,
            Duration every,
            PrintStream out)
            throws InterruptedException {
        ProcessSampler sampler = new ProcessSampler();
        PinotProbe pinot = pinotBroker == null ? null : new PinotProbe(pinotBroker);
        Histogram freshness = new Histogram(3_600_000L, 3);
        List<E2eSample> samples = new ArrayList<>();
        try (KafkaInspector kafka = new KafkaInspector(bootstrap);
                PipelineProbe probe = PipelineProbe.start(bootstrap, topics);
                SimulatorLoad load =
                        SimulatorLoad.create(
                                bootstrap, null, rate, vehicles, warmup.plus(duration), topics)) {
            sampler.sample(pids);
            String imputedTopic = topics.imputed().name();
            long lastProcessed = kafka.committedEndOffsets(imputedTopic);
            long start = System.nanoTime();
            load.start();
            long lastAcked = 0;
            long last = start;
            long end = start + warmup.plus(duration).toNanos();
            long next = start + every.toNanos();
            while (next <= end && !load.finished()) {
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
                long now = System.nanoTime();
                double dt = (now - last) / 1e9;
                double t = (now - start) / 1e9;
                boolean measured = now - start >= warmup.toNanos();
                long acked = load.acked();
                // What FeatureJob made readable, not what the probe (in this busy JVM) got to.
                long processed = kafka.committedEndOffsets(imputedTopic);
                Map<String, Long> lag = new LinkedHashMap<>();
                kafka.groupLags().forEach(g -> lag.put(g.group(), g.lag()));
                long fresh = -1;
                if (pinot != null) {
                    PinotProbe.Reading r = pinot.read();
                    fresh = r.error() == null ? r.freshnessMillis() : -1;
                    if (measured && fresh >= 0) {
                        freshness.recordValue(
                                Math.min(fresh, freshness.getHighestTrackableValue()));
                    }
                }
                E2eSample s =
                        new E2eSample(
                                t,
                                measured,
                                (acked - lastAcked) / dt,
                                (processed - lastProcessed) / dt,
                                lag,
                                p99(probe.imputed(), measured),
                                p99(probe.features(), measured),
                                p99(probe.alerts(), measured),
                                fresh,
                                sampler.sample(pids));
                samples.add(s);
                out.println(line(s));
                lastAcked = acked;
                lastProcessed = processed;
                last = now;
                next += every.toNanos();
            }
            return new Result(
                    rate,
                    samples,
                    probe.imputed().total(),
                    probe.features().total(),
                    probe.alerts().total(),
                    freshness,
                    probe.alertsByKind(),
                    probe.imputationRate(),
                    load.failure() != null ? load.failure() : probe.failure());
        }
    }

    private static double p99(LatencyStream stream, boolean measured) {
        Histogram h = stream.nextInterval(measured);
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99);
    }

    private static String line(E2eSample s) {
        double cpu =
                s.processes().values().stream()
                        .mapToDouble(p -> Double.isNaN(p.cpuPercent()) ? 0 : p.cpuPercent())
                        .sum();
        return String.format(
                Locale.ROOT,
                "%s%5.0f s  in %,8.0f ev/s  out %,8.0f ev/s  lag %,9d  p99 ms: imputed %s"
                        + " features %s alerts %s pinot %s  cpu %3.0f %%  rss %,d MiB",
                s.measured() ? " " : "~",
                s.seconds(),
                s.offered(),
                s.processed(),
                s.totalLag(),
                ms(s.imputedP99()),
                ms(s.featuresP99()),
                ms(s.alertsP99()),
                s.pinotFreshnessMs() < 0 ? "-" : Long.toString(s.pinotFreshnessMs()),
                cpu,
                s.totalRss() >> 20);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
