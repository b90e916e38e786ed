package io.fleetpulse.stack;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes (then fails the test naming what it waited
 * for): for outcomes a test can observe, instead of sleeping a guessed time.
 */
final class Await {

    private static final long PAUSE_MS = 500;

    /** A condition that may need I/O to check. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    static void until(String what, Duration timeout, Condition condition) throws Exception {
        until(what, timeout, condition, () -> "");
    }

    /** As {@link #until(String, Duration, Condition)}, naming {@code state} when it gives up. */
    static void until(String what, Duration timeout, Condition condition, Supplier<String> state)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "gave up after " + timeout + " waiting for " + what + ": " + state.get());
            }
            Thread.sleep(PAUSE_MS);
        }
        System.out.printf("e2e: %s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
