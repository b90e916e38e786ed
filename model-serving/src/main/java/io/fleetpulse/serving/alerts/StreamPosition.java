package io.fleetpulse.serving.alerts;

import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import java.util.Arrays;

/**
 * Where an alert stream stands in the alerts topic: for every partition, the offset of the next
 * record to read. It is the SSE event id of every alert sent ({@code p<n>-<o0>.<o1>...}), so a
 * client that reconnects with {@code Last-Event-ID} (or {@code ?from=} the id) resumes exactly
 * after the last alert it received, across all partitions, with nothing lost or repeated.
 */
public final class StreamPosition {

    private static final String PREFIX = "p";

    private final long[] next;

    private StreamPosition(long[] next) {
        this.next = next;
    }

    /** A position of {@code partitions} partitions, all at offset 0. */
    public static StreamPosition start(int partitions) {
        return new StreamPosition(new long[partitions]);
    }

    /**
     * Parses an event id.
     *
     * @throws ApiException naming {@code field} if it is not one of ours or has another partition
     *     count
     */
    public static StreamPosition parse(String id, int partitions, String field) {
        String bad = "not a position this server wrote (" + abbreviate(id) + ")";
        if (!id.startsWith(PREFIX) || id.indexOf('-') < 0) {
            throw new ApiException(ApiError.INVALID, field, -1, bad);
        }
        try {
            int n = Integer.parseInt(id.substring(PREFIX.length(), id.indexOf('-')));
            String[] parts = id.substring(id.indexOf('-') + 1).split("\\.");
            if (n != partitions || parts.length != n) {
                throw new ApiException(
                        ApiError.INVALID,
                        field,
                        -1,
                        "position for " + n + " partitions, the alerts topic has " + partitions);
            }
            long[] next = new long[n];
            for (int i = 0; i < n; i++) {
                next[i] = Long.parseLong(parts[i]);
                if (next[i] < 0) {
                    throw new ApiException(ApiError.INVALID, field, -1, bad);
                }
            }
            return new StreamPosition(next);
        } catch (NumberFormatException e) {
            throw new ApiException(ApiError.INVALID, field, -1, bad);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    public int partitions() {
        return next.length;
    }

    /** The next offset to read in {@code partition}. */
    public long next(int partition) {
        return next[partition];
    }

    /** Marks the record at {@code offset} of {@code partition} as read. */
    public void passed(int partition, long offset) {
        next[partition] = Math.max(next[partition], offset + 1);
    }

    /** Moves {@code partition} to {@code offset} (e.g. the end at the start of a live stream). */
    public void set(int partition, long offset) {
        next[partition] = offset;
    }

    /** The event id. */
    public String id() {
        StringBuilder out = new StringBuilder(PREFIX).append(next.length).append('-');
        for (int i = 0; i < next.length; i++) {
            out.append(i == 0 ? "" : ".").append(next[i]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return id() + Arrays.toString(next);
    }
}
