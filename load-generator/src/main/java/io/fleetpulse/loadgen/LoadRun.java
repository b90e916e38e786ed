package io.fleetpulse.loadgen;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import java.util.function.BooleanSupplier;

/**
 * The sending loop: takes the simulator's next message, waits until it is due (paced mode) or sends
 * at once (fast mode), and hands it to the sink, until a limit is reached or a stop is requested.
 * In paced mode a message's event time equals its intended send time, so event time follows the
 * wall clock.
 */
public final class LoadRun {

    /** How often (in messages) the wall-clock deadline and stop flag are checked. */
    private static final int CHECK_EVERY = 256;

    /**
     * When to stop; whichever comes first.
     *
     * @param maxEvents messages to send at most
     * @param simulatedNanos simulated time to cover (in paced mode also wall time)
     * @param wallNanos wall-clock time to run at most
     */
    public record Limits(long maxEvents, long simulatedNanos, long wallNanos) {
        public static final Limits NONE =
                new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** What a run did. */
    public record Result(long sent, long slots, long lost, double seconds) {}

    private LoadRun() {}

    /**
     * Runs until a limit or {@code stop} says so; does not flush the sink.
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
        TelemetryEvent event = new TelemetryEvent();
        long start = System.nanoTime();
        long sent = 0;
        while (sent < limits.maxEvents()) {
            if ((sent % CHECK_EVERY) == 0
                    && (stop.getAsBoolean() || System.nanoTime() - start >= limits.wallNanos())) {
                break;
            }
            long slot = sim.next(event);
            long offset = sim.offsetNanos(slot);
            if (offset >= limits.simulatedNanos()) {
                break;
            }
            long intended = pacer == null ? System.nanoTime() : pacer.awaitDue(offset);
            sink.send(event, intended);
            sent++;
        }
        return new Result(
                sent, sim.slotsSimulated(), sim.messagesLost(), (System.nanoTime() - start) / 1e9);
    }
}
