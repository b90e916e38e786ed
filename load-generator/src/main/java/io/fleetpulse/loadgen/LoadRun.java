package io.fleetpulse.loadgen;

import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The sending loop: takes the simulator's next message, waits until it is due (paced mode) or sends
 * at once (fast mode), and hands it to the sink, until a limit is reached or a stop is requested.
 * In paced mode a message's event time equals its intended send time, so event time follows the
 * wall clock. {@link SendingThreads} runs one such loop per share of the fleet.
 */
public final class LoadRun {

    /** How often (in messages) the wall-clock deadline and stop flag are checked. */
    static final int CHECK_EVERY = 256;

    /**
     * When to stop; whichever comes first.
     *
     * @param maxEvents messages to send at most (in all, over every sending thread)
     * @param simulatedNanos simulated time to cover (in paced mode also wall time)
     * @param wallNanos wall-clock time to run at most
     */
    public record Limits(long maxEvents, long simulatedNanos, long wallNanos) {
        public static final Limits NONE =
                new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** What a run did (summed over sending threads; seconds of the longest). */
    public record Result(long sent, long slots, long lost, double seconds) {

        Result plus(Result other) {
            return new Result(
                    sent + other.sent,
                    slots + other.slots,
                    lost + other.lost,
                    Math.max(seconds, other.seconds));
        }
    }

    private LoadRun() {}

    /**
     * Runs until a limit or {@code stop} says so, on the calling thread; does not flush the sink.
     *
     * @param pacer paces to intended send times, or null to send as fast as possible
     */
    public static Result run(
            FleetSimulator sim,
            TelemetrySink sink,
            Pacer pacer,
            Limits limits,
            BooleanSupplier stop)
            throws InterruptedException {
        return run(sim, sink, pacer, limits, stop, new AtomicLong(limits.maxEvents()));
    }

    /**
     * As {@link #run(FleetSimulator, TelemetrySink, Pacer, Limits, BooleanSupplier)}, taking the
     * messages it may send from {@code budget}, which sending threads share ({@link
     * Limits#maxEvents()} is not looked at).
     */
    static Result run(
            FleetSimulator sim,
            TelemetrySink sink,
            Pacer pacer,
            Limits limits,
            BooleanSupplier stop,
            AtomicLong budget)
            throws InterruptedException {
        long start = System.nanoTime();
        long slots0 = sim.slotsSimulated();
        long lost0 = sim.messagesLost();
        long sent = 0;
        long allowance = 0;
        while (true) {
            if (allowance == 0) {
                if (stop.getAsBoolean() || System.nanoTime() - start >= limits.wallNanos()) {
                    break;
                }
                allowance = claim(budget);
                if (allowance == 0) {
                    break;
                }
            }
            long slot = sim.advanceWithin(limits.simulatedNanos());
            if (slot < 0) {
                break;
            }
            long intended =
                    pacer == null ? System.nanoTime() : pacer.awaitDue(sim.offsetNanos(slot));
            sink.send(sim.message(), intended);
            sent++;
            allowance--;
        }
        budget.addAndGet(allowance);
        return new Result(
                sent,
                sim.slotsSimulated() - slots0,
                sim.messagesLost() - lost0,
                (System.nanoTime() - start) / 1e9);
    }

    /** Takes up to {@link #CHECK_EVERY} messages from the budget; 0 when it is spent. */
    private static long claim(AtomicLong budget) {
        while (true) {
            long left = budget.get();
            long take = Math.min(left, CHECK_EVERY);
            if (take <= 0 || budget.compareAndSet(left, left - take)) {
                return Math.max(take, 0);
            }
        }
    }
}
