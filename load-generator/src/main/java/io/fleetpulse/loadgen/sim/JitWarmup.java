package io.fleetpulse.loadgen.sim;

import io.fleetpulse.loadgen.sink.MessageEncoder;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs a small throw-away fleet through simulation and encoding for a moment before a paced run, so
 * the JIT has compiled the hot paths before the clock starts and the first seconds do not fall
 * behind. It touches none of the real run's random streams, so the events stay the same.
 */
public final class JitWarmup {

    private static final int VEHICLES = 1000;

    private JitWarmup() {}

    /** Simulates and encodes for {@code duration}; returns the events produced. */
    public static long run(SimulationConfig config, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return 0;
        }
        int vehicles = Math.min(VEHICLES, config.vehicles());
        SimulationConfig small =
                config.withVehicles(
                                vehicles, config.eventsPerSecond() * vehicles / config.vehicles())
                        .withSeed(config.seed() ^ 0x5DEECE66DL);
        FleetSimulator sim = new FleetSimulator(small, label -> {});
        Function<TelemetryMessage, byte[]> encoder = MessageEncoder.best();
        long end = System.nanoTime() + duration.toNanos();
        long events = 0;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 1000; i++) {
                sim.advance();
                encoder.apply(sim.message());
            }
            events += 1000;
        }
        return events;
    }
}
