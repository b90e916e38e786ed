package io.fleetpulse.flink.pipeline;

import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.impute.VehicleState;
import java.util.TreeMap;

/**
 * Everything {@link VehiclePipeline} keeps for one vehicle on the heap: its dedup-and-imputation
 * state (null once cleared after it went quiet), its open tumbling panes (usually one, two around a
 * pane boundary while the watermark lags) and its recent closed panes for the sliding windows. The
 * keyed state backend holds a copy that is brought up to date at every checkpoint.
 */
final class VehicleSlot {

    VehicleState state;
    final TreeMap<Long, PaneAccumulator> open = new TreeMap<>();
    final TreeMap<Long, PaneAccumulator> recent = new TreeMap<>();

    /** Whether the vehicle is in the operator's dirty list (changed since the last flush). */
    boolean dirty;

    /** Whether {@link #state} changed since the last flush. */
    boolean stateDirty;

    /** Whether the set of open or recent panes changed since the last flush. */
    boolean indexDirty;

    /** Start of an open pane changed since the last flush, or Long.MIN_VALUE; see {@link #more}. */
    long dirtyPane = Long.MIN_VALUE;

    /** Further open panes changed since the last flush (rare: events around a pane boundary). */
    long[] more = new long[0];

    void markPaneDirty(long start) {
        if (dirtyPane == Long.MIN_VALUE || dirtyPane == start) {
            dirtyPane = start;
            return;
        }
        for (long s : more) {
            if (s == start) {
                return;
            }
        }
        more = java.util.Arrays.copyOf(more, more.length + 1);
        more[more.length - 1] = start;
    }

    void clearDirty() {
        dirty = false;
        stateDirty = false;
        indexDirty = false;
        dirtyPane = Long.MIN_VALUE;
        if (more.length > 0) {
            more = new long[0];
        }
    }

    boolean isEmpty() {
        return state == null && open.isEmpty() && recent.isEmpty();
    }
}
