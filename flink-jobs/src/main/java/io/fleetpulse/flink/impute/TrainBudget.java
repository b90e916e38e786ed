package io.fleetpulse.flink.impute;

/**
 * A token bucket in event time that limits how many rows per second of event time {@link
 * StreamingMice} learns from; deterministic for a given input order (no wall clock). Holds at most
 * one second's worth of tokens; time going backwards (disorder) adds none.
 */
final class TrainBudget {

    private static final double MS_PER_SECOND = 1000.0;

    private final double perMs;
    private final double capacity;
    private double tokens;
    private long clock = Long.MIN_VALUE;

    /**
     * @param rowsPerSecond the limit; 0 means none
     */
    TrainBudget(double rowsPerSecond) {
        this.perMs = rowsPerSecond / MS_PER_SECOND;
        this.capacity = Math.max(1, rowsPerSecond);
        this.tokens = capacity;
    }

    /** Whether a row at event time {@code time} may be learned from (and if so, takes a token). */
    boolean take(long time) {
        if (perMs == 0) {
            return true;
        }
        if (clock == Long.MIN_VALUE) {
            clock = time;
        } else if (time > clock) {
            tokens = Math.min(capacity, tokens + (time - clock) * perMs);
            clock = time;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
