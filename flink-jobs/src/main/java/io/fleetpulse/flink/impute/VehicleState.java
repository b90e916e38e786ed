package io.fleetpulse.flink.impute;

import io.fleetpulse.flink.dedup.SequenceWindow;

/**
 * FeatureJob's keyed state for one vehicle, kept in one value so each event costs one state read
 * and one write: the imputer's memory of the vehicle, its recent sequence numbers, its
 * consistency-residual baseline, and when it was last seen (for clean-up once it goes quiet). A
 * public mutable POJO for Flink.
 */
public class VehicleState {

    public VehicleMemory memory;
    public SequenceWindow sequences;

    /** Running consistency-residual baseline per sensor (drift shows as a shift from it). */
    public ConsistencyBaseline consistency;

    public long lastSeen = Long.MIN_VALUE;
    public long cleanupAt = Long.MIN_VALUE;

    public VehicleState() {}

    /** State for a vehicle seen for the first time. */
    public static VehicleState fresh() {
        VehicleState s = new VehicleState();
        s.memory = TelemetryImputer.newMemory();
        s.sequences = new SequenceWindow();
        s.consistency = ConsistencyBaseline.empty(TelemetryImputer.SENSOR_COUNT);
        return s;
    }
}
