package io.fleetpulse.flink.features;

/**
 * One vehicle's statistics over one tumbling pane [start, end): the unit from which both the
 * tumbling and the sliding feature windows are built. A public mutable POJO for Flink.
 */
public class Pane {

    public String vehicleId;
    public long start;
    public long end;
    public PaneAccumulator stats;

    public Pane() {}

    public Pane(String vehicleId, long start, long end, PaneAccumulator stats) {
        this.vehicleId = vehicleId;
        this.start = start;
        this.end = end;
        this.stats = stats;
    }
}
