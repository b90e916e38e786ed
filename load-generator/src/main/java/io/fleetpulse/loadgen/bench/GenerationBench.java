package io.fleetpulse.loadgen.bench;

import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import io.fleetpulse.loadgen.sink.MessageEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Function;

/**
 * How fast one thread simulates and encodes events with no broker involved: the simulator's own
 * ceiling, and the average encoded record size that Kafka's perf tool is then given.
 */
public final class GenerationBench {

    /**
     * Result: events per wall-clock second, events per second of the thread's own CPU time (what
     * one otherwise idle core would do; on a busy shared machine the two differ), and the mean
     * encoded size in bytes.
     */
    public record Result(
            long events,
            double eventsPerSecond,
            double eventsPerCpuSecond,
            double avgRecordBytes) {}

    private GenerationBench() {}

    /** Runs for {@code warmupNanos} unmeasured, then {@code measureNanos} measured. */
    public static Result run(SimulationConfig config, long warmupNanos, long measureNanos) {
        FleetSimulator sim = new FleetSimulator(config, label -> {});
        Function<TelemetryMessage, byte[]> encoder = MessageEncoder.best();
        long start = System.nanoTime();
        while (System.nanoTime() - start < warmupNanos) {
            for (int i = 0; i < 1000; i++) {
                sim.advance();
                encoder.apply(sim.message());
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long events = 0;
        long bytes = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long t1;
        do {
            for (int i = 0; i < 1000; i++) {
                sim.advance();
                bytes += encoder.apply(sim.message()).length;
            }
            events += 1000;
            t1 = System.nanoTime();
        } while (t1 - t0 < measureNanos);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new Result(
                events,
                events / ((t1 - t0) / 1e9),
                cpu > 0 ? events / (cpu / 1e9) : Double.NaN,
                bytes / (double) events);
    }
}
