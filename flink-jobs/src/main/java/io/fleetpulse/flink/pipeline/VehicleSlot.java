package io.fleetpulse.flink.pipeline;

import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.impute.VehicleState;
import java.util.TreeMap;

/**
 * Everything {@link VehiclePipeline} keeps for one vehicle on the heap: its dedup-and-imputation
 * state (null once cleared after it went quiet), its open tumbling panes (usually one, two around a
 * pane boundary while the watermark lags) and its recent closed panes for the sliding windows. At
 * each checkpoint the state and open panes of a vehicle that changed go into the checkpoint's raw
 * keyed state ({@link HotVehicleSnapshot}); those of a vehicle that stopped changing go into keyed
 * state once. Closed panes go into keyed state when they close.
 */
final class VehicleSlot {

    VehicleState state;
    final TreeMap<Long, PaneAccumulator> open = new TreeMap<>();
    final TreeMap<Long, PaneAccumulator> recent = new TreeMap<>();

    /** Whether the vehicle is in the operator's dirty list (changed since the last checkpoint). */
    boolean dirty;

    /**
     * Whether the last checkpoint holds the vehicle's state and open panes in its raw keyed state
     * (keyed state then holds an older copy, or none).
     */
    boolean hot;

    /** Whether {@link #recent} was read from keyed state (false after a restore until touched). */
    boolean recentLoaded = true;

    /** Whether there is anything to write for the vehicle at a checkpoint. */
    boolean hasHotState() {
        return state != null || !open.isEmpty();
    }

    boolean isEmpty() {
        return state == null && open.isEmpty() && recent.isEmpty();
    }
}
