package io.fleetpulse.loadgen.pacing;

import java.util.concurrent.locks.LockSupport;

/**
 * Constant-rate pacing to intended send times: message {@code g} is due at {@code start +
 * offset(g)}, however late earlier sends were. A sender that falls behind catches up by sending
 * immediately, and the delay shows in latency measured from the intended time, not in a silently
 * lower rate (no coordinated omission).
 */
public final class Pacer {

    private final long startNanos;

    /**
     * @param startNanos {@link System#nanoTime()} at which offset 0 is due
     */
    public Pacer(long startNanos) {
        this.startNanos = startNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /**
     * The intended send time ({@code System.nanoTime()} scale) of a message at {@code offsetNanos}.
     */
    public long intendedNanos(long offsetNanos) {
        return startNanos + offsetNanos;
    }

    /**
     * Waits (parking, not spinning: cores are shared) until the message at {@code offsetNanos} is
     * due, and returns its intended send time. Returns at once if it is already due.
     */
    public long awaitDue(long offsetNanos) throws InterruptedException {
        long intended = intendedNanos(offsetNanos);
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("pacing interrupted");
            }
        }
        return intended;
    }
}
