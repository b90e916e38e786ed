package io.fleetpulse.loadgen;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sim.VehicleSimulator;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Several sending threads, each owning a share of the fleet's vehicles and running the {@link
 * LoadRun} loop over them. Into Kafka a thread owns whole partitions (those with {@code partition
 * mod threads} equal to its number, by the producer's own key partitioner), so every partition
 * receives exactly the messages, in exactly the order, that one thread sends it; into a sink
 * without partitions vehicles are spread the same way by key hash. Either way each vehicle's
 * messages are those of the single-threaded simulator, in order.
 */
public final class SendingThreads {

    /**
     * Sending threads unless told otherwise: two, so that simulating and encoding (most of the cost
     * per event) run on both cores of a small machine while the producer's I/O thread batches.
     */
    public static final int DEFAULT_THREADS = 2;

    private SendingThreads() {}

    /**
     * The fleet split into at most {@code threads} shares for {@code sink} (fewer where the topic
     * has fewer partitions).
     *
     * @param byPartition into Kafka, step each thread's vehicles partition by partition within a
     *     round (see {@link FleetSimulator#partitioned}), so the producer appends runs of records
     *     to one batch at a time; only for unpaced runs (paced, it would hold messages back)
     * @param labels receives labels from every share: must be thread-safe if there are several
     */
    public static List<FleetSimulator> split(
            SimulationConfig config,
            int threads,
            TelemetrySink sink,
            boolean byPartition,
            Consumer<AnomalyLabel> labels) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one sending thread");
        }
        boolean kafka = sink instanceof KafkaTelemetrySink;
        if (threads == 1 && !(kafka && byPartition)) {
            return List.of(new FleetSimulator(config, labels));
        }
        int partitions = kafka ? ((KafkaTelemetrySink) sink).partitions() : threads;
        int shares = Math.min(threads, partitions);
        ToIntFunction<VehicleSimulator> partition =
                v -> KafkaTelemetrySink.partitionOf(v.vehicleIdUtf8(), partitions);
        return FleetSimulator.partitioned(
                config,
                shares,
                v -> partition.applyAsInt(v) % shares,
                kafka && byPartition ? partition : null,
                labels);
    }

    /**
     * Runs every share on its own thread until a limit or {@code stop} says so (one share runs on
     * the calling thread); {@link LoadRun.Limits#maxEvents()} counts over all of them. Does not
     * flush. A failure in any thread stops the others and is thrown here.
     *
     * @param sinks the sink of each share, in order (one shared instance where it is {@link
     *     TelemetrySink#threadSafe()})
     * @param pacer paces to intended send times, or null to send as fast as possible
     */
    public static LoadRun.Result run(
            List<FleetSimulator> shares,
            List<? extends TelemetrySink> sinks,
            Pacer pacer,
            LoadRun.Limits limits,
            BooleanSupplier stop)
            throws InterruptedException {
        if (shares.size() != sinks.size()) {
            throw new IllegalArgumentException("one sink per share");
        }
        AtomicLong budget = new AtomicLong(limits.maxEvents());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BooleanSupplier halt = () -> failure.get() != null || stop.getAsBoolean();
        LoadRun.Result[] results = new LoadRun.Result[shares.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < shares.size(); i++) {
            int share = i;
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    results[share] =
                                            LoadRun.run(
                                                    shares.get(share),
                                                    sinks.get(share),
                                                    pacer,
                                                    limits,
                                                    halt,
                                                    budget);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "fleet-sender-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            results[0] = LoadRun.run(shares.get(0), sinks.get(0), pacer, limits, halt, budget);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // Stop the others (they check between messages) and still wait for them.
                    failure.compareAndSet(null, e);
                    threads.forEach(Thread::interrupt);
                    interrupted = true;
                }
            }
        }
        Throwable first = failure.get();
        if (first instanceof InterruptedException e) {
            throw e;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException("sending thread failed: " + first, first);
        }
        LoadRun.Result total = results[0];
        for (int i = 1; i < results.length; i++) {
            total = total.plus(results[i]);
        }
        return total;
    }
}
