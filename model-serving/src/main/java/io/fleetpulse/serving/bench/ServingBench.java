package io.fleetpulse.serving.bench;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.serving.ModelServing;
import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.serving.http.BearerAuth;
import io.fleetpulse.serving.http.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The serving benchmark: starts model-serving in this JVM (no Kafka: the bench offers snapshots to
 * the registry itself, as the models feed would), then drives it over real HTTP on 127.0.0.1 with
 * {@link PacedLoad} — warm-up, single predictions of one model, single predictions of all three,
 * batches — while a swapper thread publishes a new version of every model every few seconds. Client
 * and server share the machine (and this JVM), as they would on one host.
 */
final class ServingBench {

    private static final String TOKEN = "bench-token";
    private static final double NANOS_PER_MS = 1e6;

    private final double rate;
    private final int batchSize;
    private final double batchRate;
    private final int seconds;
    private final int warmupSeconds;
    private final long swapEveryMs;
    private final int workers;
    private final Path stateDir;

    ServingBench(
            double rate,
            int batchSize,
            double batchRate,
            int seconds,
            int warmupSeconds,
            long swapEveryMs,
            int workers,
            Path stateDir) {
        this.rate = rate;
        this.batchSize = batchSize;
        this.batchRate = batchRate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.swapEveryMs = swapEveryMs;
        this.workers = workers;
        this.stateDir = stateDir;
    }

    BenchReport run(PrintStream out) throws Exception {
        BenchReport report =
                BenchReport.create(
                        "serving",
                        "model-serving predictions over HTTP (in-process server, hot swaps during"
                                + " the run)");
        report.setting("rate single /s", rate)
                .setting("batch size", batchSize)
                .setting("batch rate /s", batchRate)
                .setting("seconds per phase", seconds)
                .setting("warm-up seconds", warmupSeconds)
                .setting("swap every ms", swapEveryMs)
                .setting("client workers", workers)
                .setting("load average at start", loadAverage());
        deleteState();
        ServingSettings settings =
                ServingSettings.defaults(null, stateDir, new BearerAuth(List.of(TOKEN)))
                        .withPort(0)
                        .withLimits(ServingSettings.DEFAULT_MAX_BODY_BYTES, Math.max(batchSize, 1));
        try (ModelServing serving = ModelServing.start(settings, Clock.systemUTC())) {
            SyntheticModels.all(1, Instant.now()).forEach(serving.registry()::offer);
            serving.registryChanged();
            SplittableRandom random = new SplittableRandom(42);
            FeatureVector v = SyntheticModels.vector(random, "bench-1", 1_000_000);
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                batch.add(
                        SyntheticModels.json(
                                SyntheticModels.vector(random, "bench-" + i, i * 10_000L)));
            }
            URI base = serving.baseUri();
            String one = Json.write(SyntheticModels.json(v));
            byte[] single =
                    RawHttpConnection.post(base, "/v1/models/anomaly-ae/predict", TOKEN, one);
            byte[] all = RawHttpConnection.post(base, "/v1/predict", TOKEN, one);
            byte[] batched =
                    RawHttpConnection.post(
                            base, "/v1/models/anomaly-ae/predict", TOKEN, Json.write(batch));
            PacedLoad load = new PacedLoad(base);
            AtomicLong swaps = new AtomicLong();
            Thread swapper = swapper(serving, swaps);
            swapper.start();
            try {
                out.printf(Locale.ROOT, "warm-up: %d s at %.0f/s%n", warmupSeconds, rate);
                if (warmupSeconds > 0) {
                    load.run(single, rate, Duration.ofSeconds(warmupSeconds), workers, h -> {});
                }
                phase(report, out, load, "single: 1 model (anomaly-ae)", single, rate, 1, swaps);
                phase(report, out, load, "single: all 3 models (/v1/predict)", all, rate, 1, swaps);
                phase(
                        report,
                        out,
                        load,
                        "batch of " + batchSize + " (anomaly-ae)",
                        batched,
                        batchRate,
                        batchSize,
                        swaps);
            } finally {
                swapper.interrupt();
                swapper.join();
            }
        } finally {
            deleteState();
        }
        report.setting("load average at end", loadAverage());
        report.note(
                "latency counted from each request's intended send time (no coordinated omission); client and server share this JVM and machine");
        report.note(
                "swaps: a new version of all three models every "
                        + swapEveryMs
                        + " ms during every phase");
        return report;
    }

    private void phase(
            BenchReport report,
            PrintStream out,
            PacedLoad load,
            String name,
            byte[] request,
            double phaseRate,
            int vectorsPerRequest,
            AtomicLong swaps)
            throws InterruptedException {
        out.printf(Locale.ROOT, "%s: %d s at %.0f requests/s%n", name, seconds, phaseRate);
        long swapsBefore = swaps.get();
        long cpuBefore = processCpuNanos();
        AtomicLong sent = new AtomicLong();
        PacedLoad.Result r =
                load.run(
                        request,
                        phaseRate,
                        Duration.ofSeconds(seconds),
                        workers,
                        h -> {
                            sent.addAndGet(h.getTotalCount());
                            if (h.getTotalCount() > 0) {
                                out.printf(
                                        Locale.ROOT,
                                        "  %d requests, %d this second, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                                        sent.get(),
                                        h.getTotalCount(),
                                        h.getValueAtPercentile(50) / NANOS_PER_MS,
                                        h.getValueAtPercentile(99) / NANOS_PER_MS,
                                        h.getMaxValue() / NANOS_PER_MS);
                            }
                        });
        long cpu = processCpuNanos() - cpuBefore;
        Histogram h = r.latencyNanos();
        report.row(name)
                .put("target /s", phaseRate)
                .put("requests /s", r.throughput())
                .put("vectors /s", r.throughput() * vectorsPerRequest)
                .put("p50 ms", h.getValueAtPercentile(50) / NANOS_PER_MS)
                .put("p99 ms", h.getValueAtPercentile(99) / NANOS_PER_MS)
                .put("p99.9 ms", h.getValueAtPercentile(99.9) / NANOS_PER_MS)
                .put("max ms", h.getMaxValue() / NANOS_PER_MS)
                .put("errors", r.errors())
                .put("swaps", swaps.get() - swapsBefore)
                .put("versions", r.minVersion() + "-" + r.maxVersion())
                .put("steps back", r.versionStepsBack())
                .put("cpu us/request", cpu / 1e3 / Math.max(r.sent(), 1));
        r.firstErrors().forEach(e -> report.note(name + " error: " + e));
    }

    /** Publishes version 2, 3, ... of every model, one every {@code swapEveryMs}. */
    private Thread swapper(ModelServing serving, AtomicLong swaps) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                for (long v = 2; ; v++) {
                                    List<ModelSnapshot> next =
                                            SyntheticModels.all(v, Instant.now());
                                    Thread.sleep(swapEveryMs);
                                    next.forEach(serving.registry()::offer);
                                    serving.registryChanged();
                                    swaps.incrementAndGet();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "swapper");
        t.setDaemon(true);
        return t;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void deleteState() throws IOException {
        if (Files.isDirectory(stateDir)) {
            try (var files = Files.walk(stateDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
