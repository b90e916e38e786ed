package io.fleetpulse.loadgen.anomaly;

/**
 * The kinds of anomaly the simulator injects and labels, with the thresholds that define when the
 * data shows them. A label's interval covers exactly the events that show its anomaly.
 */
public enum AnomalyKind {
    /** Emergency stop: deceleration beyond {@link #HARSH_BRAKE_MPS2}. */
    HARSH_BRAKING(true),
    /** Speed above the limit times {@link #OVER_SPEED_TOLERANCE}. */
    OVER_SPEEDING(true),
    /** Cooling system failure: coolant above {@link #OVERHEAT_C}. */
    ENGINE_OVERHEATING(false),
    /** Fuel leaving the tank through a leak while driving. */
    FUEL_LEAK(false),
    /** Fuel siphoned off while the vehicle is parked. */
    FUEL_THEFT(false),
    /** One sensor repeating the same value. */
    SENSOR_STUCK(false),
    /** One sensor's reading drifting away from the truth with a growing offset. */
    SENSOR_DRIFT(false),
    /** GPS reporting a position at least {@link #GPS_JUMP_MIN_KM} away for a few seconds. */
    GPS_JUMP(false);

    /** Deceleration (m/s^2) from which braking counts as harsh (about 0.4 g). */
    public static final double HARSH_BRAKE_MPS2 = 4.0;

    /** Speed above limit * this counts as speeding (a 10 % enforcement tolerance). */
    public static final double OVER_SPEED_TOLERANCE = 1.10;

    /** Coolant above this (degC) counts as overheating. */
    public static final double OVERHEAT_C = 108;

    /** Shortest GPS jump, km. */
    public static final double GPS_JUMP_MIN_KM = 5;

    private final boolean driverCaused;

    AnomalyKind(boolean driverCaused) {
        this.driverCaused = driverCaused;
    }

    /** Whether the driver's style changes how often it happens. */
    public boolean driverCaused() {
        return driverCaused;
    }
}
