package io.fleetpulse.flink.dedup;

/**
 * Remembers which of a vehicle's most recent {@link #SPAN} sequence numbers were seen, in a
 * 128-byte ring bitmap (the anti-replay window of IPsec): a retried message repeats its sequence
 * number and is recognised, out-of-order messages within the span are accepted once, and a number
 * older than the span cannot be checked. A public mutable POJO for Flink state.
 */
public class SequenceWindow {

    /** How many sequence numbers below the highest one are remembered. */
    public static final int SPAN = 1024;

    /** The verdict on one sequence number. */
    public enum Verdict {
        /** Not seen before: process it. */
        NEW,
        /** Seen before: drop it. */
        DUPLICATE,
        /** More than {@link #SPAN} below the highest number seen: cannot tell. */
        TOO_OLD
    }

    public long highest = -1;
    public long[] seen = new long[SPAN / 64];

    public SequenceWindow() {}

    /** Checks {@code seq} and, if new, records it. */
    public Verdict offer(long seq) {
        if (seq > highest) {
            long advance = highest < 0 ? SPAN : seq - highest;
            if (advance >= SPAN) {
                java.util.Arrays.fill(seen, 0L);
            } else {
                for (long s = highest + 1; s < seq; s++) {
                    clear(s);
                }
            }
            highest = seq;
            set(seq);
            return Verdict.NEW;
        }
        if (seq <= highest - SPAN) {
            return Verdict.TOO_OLD;
        }
        if (isSet(seq)) {
            return Verdict.DUPLICATE;
        }
        set(seq);
        return Verdict.NEW;
    }

    private int bit(long seq) {
        return (int) Math.floorMod(seq, (long) SPAN);
    }

    private boolean isSet(long seq) {
        int b = bit(seq);
        return (seen[b >>> 6] & (1L << (b & 63))) != 0;
    }

    private void set(long seq) {
        int b = bit(seq);
        seen[b >>> 6] |= 1L << (b & 63);
    }

    private void clear(long seq) {
        int b = bit(seq);
        seen[b >>> 6] &= ~(1L << (b & 63));
    }
}
