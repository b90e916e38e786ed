package io.fleetpulse.serving.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop HTTP load (one {@link RawHttpConnection} per worker) at a fixed rate, free of
 * coordinated omission: request {@code i} is due at {@code start + i / rate}, a worker sends it no
 * earlier, and its latency is counted from when it was due, not from when it was sent, so a stalled
 * server shows as latency of every request that had to wait. Workers bound the requests in flight.
 * Each answer's {@code "version"} is checked: per worker it must never go down.
 */
public final class PacedLoad {

    /** What one phase measured. */
    public record Result(
            Histogram latencyNanos,
            long sent,
            long errors,
            long wallNanos,
            long minVersion,
            long maxVersion,
            long versionStepsBack,
            List<String> firstErrors) {

        public double throughput() {
            return sent * 1e9 / wallNanos;
        }
    }

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final long MAX_TRACKED_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int ERRORS_KEPT = 5;

    private final URI base;

    public PacedLoad(URI base) {
        this.base = base;
    }

    /**
     * Sends {@code request} at {@code rate} per second for {@code duration} from {@code workers}
     * threads; {@code progress} gets the latencies of each interval of about a second.
     */
    public Result run(
            byte[] request,
            double rate,
            Duration duration,
            int workers,
            Consumer<Histogram> progress)
            throws InterruptedException {
        long period = (long) (1e9 / rate);
        long total = (long) (duration.toNanos() / (double) period);
        Recorder recorder = new Recorder(MAX_TRACKED_NANOS, 3);
        Histogram all = new Histogram(MAX_TRACKED_NANOS, 3);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong stepsBack = new AtomicLong();
        AtomicLong minVersion = new AtomicLong(Long.MAX_VALUE);
        AtomicLong maxVersion = new AtomicLong(-1);
        // When the last answer came: the rate is over sending time, not the supervisor's 1 s polls.
        AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t =
                    new Thread(
                            () -> {
                                RawHttpConnection http = new RawHttpConnection(base);
                                long last = -1;
                                while (true) {
                                    long i = next.getAndIncrement();
                                    if (i >= total) {
                                        http.close();
                                        return;
                                    }
                                    long due = start + i * period;
                                    long wait;
                                    while ((wait = due - System.nanoTime()) > 0) {
                                        LockSupport.parkNanos(wait);
                                    }
                                    String body = null;
                                    int status = -1;
                                    try {
                                        RawHttpConnection.Answer r = http.send(request);
                                        status = r.status();
                                        body = r.body();
                                    } catch (Exception e) {
                                        body = e.toString();
                                    }
                                    long done = System.nanoTime();
                                    lastDone.accumulateAndGet(done, Math::max);
                                    recorder.recordValue(Math.min(done - due, MAX_TRACKED_NANOS));
                                    if (status != 200) {
                                        errors.incrementAndGet();
                                        if (firstErrors.size() < ERRORS_KEPT) {
                                            firstErrors.add(status + " " + abbreviate(body));
                                        }
                                        continue;
                                    }
                                    Matcher m = VERSION.matcher(body);
                                    if (m.find()) {
                                        long v = Long.parseLong(m.group(1));
                                        if (v < last) {
                                            stepsBack.incrementAndGet();
                                        }
                                        last = v;
                                        minVersion.accumulateAndGet(v, Math::min);
                                        maxVersion.accumulateAndGet(v, Math::max);
                                    }
                                }
                            },
                            "load-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Histogram interval = null;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1_000);
            interval = recorder.getIntervalHistogram(interval);
            all.add(interval);
            progress.accept(interval);
        }
        for (Thread t : threads) {
            t.join();
        }
        interval = recorder.getIntervalHistogram(interval);
        all.add(interval);
        long wall = (lastDone.get() == Long.MIN_VALUE ? System.nanoTime() : lastDone.get()) - start;
        return new Result(
                all,
                total,
                errors.get(),
                wall,
                minVersion.get() == Long.MAX_VALUE ? -1 : minVersion.get(),
                maxVersion.get(),
                stepsBack.get(),
                List.copyOf(firstErrors));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
