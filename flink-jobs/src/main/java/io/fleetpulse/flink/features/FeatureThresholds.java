package io.fleetpulse.flink.features;

/** Physical thresholds behind the event-counting window features, named for what they mean. */
public final class FeatureThresholds {

    /** Deceleration beyond this is harsh braking (about 0.36 g). */
    public static final double HARSH_BRAKE_MPS2 = -3.5;

    /** Acceleration beyond this is harsh acceleration (about 0.3 g). */
    public static final double HARSH_ACCEL_MPS2 = 3.0;

    /** Fleet speed limit: time above it counts as over-speeding. */
    public static final double OVER_SPEED_KMH = 110;

    /**
     * Driving faster than the reported posted limit times this is over-speeding (the usual 10 %
     * enforcement tolerance).
     */
    public static final double OVER_LIMIT_FACTOR = 1.1;

    /** Engine running: RPM above this. */
    public static final double ENGINE_ON_RPM = 300;

    /** Stopped: speed below this. */
    public static final double STOPPED_KMH = 1;

    /** A stuck-sensor run only counts while the vehicle moves faster than this. */
    public static final double MOVING_KMH = 5;

    /** A fuel-level rise of more than this between two events is a refuel, not a drop. */
    public static final double REFUEL_JUMP_PCT = 2;

    /** Below this much fuel used, litres-per-distance and drop-per-litre are not meaningful. */
    public static final double MIN_FUEL_FOR_RATIO_L = 0.01;

    /** Below this distance, fuel efficiency is not meaningful. */
    public static final double MIN_DISTANCE_FOR_EFFICIENCY_KM = 0.05;

    /** GPS slack beyond the distance speed explains, before a fix counts as a jump. */
    public static final double GPS_SLACK_KM = 0.05;

    /** Gaps between consecutive events longer than this are not integrated over. */
    public static final long MAX_INTEGRATION_GAP_MS = 30_000;

    private FeatureThresholds() {}
}
