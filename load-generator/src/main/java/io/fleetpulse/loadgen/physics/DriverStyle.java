package io.fleetpulse.loadgen.physics;

/**
 * How a driver drives: cruising speed relative to the limit, how hard they accelerate and brake in
 * normal driving, where they shift up, and how prone they are to harsh braking and speeding
 * episodes. Normal driving of every style stays below the harsh-braking threshold and within the
 * over-speed tolerance, so those stay labelled anomalies rather than everyday noise.
 */
public enum DriverStyle {
    CALM(0.95, 1.2, 1.4, 2.4, 1900, 0.3),
    NORMAL(1.00, 1.8, 2.0, 3.0, 2300, 1.0),
    AGGRESSIVE(1.06, 2.6, 2.8, 3.6, 3000, 3.0);

    /** Share of drivers per style in a simulated fleet (calm, normal, aggressive). */
    private static final double[] FLEET_SHARE = {0.3, 0.5, 0.2};

    private final double speedFactor;
    private final double accelMaxMps2;
    private final double comfortBrakeMps2;
    private final double maxBrakeMps2;
    private final double upshiftRpm;
    private final double riskFactor;

    DriverStyle(
            double speedFactor,
            double accelMaxMps2,
            double comfortBrakeMps2,
            double maxBrakeMps2,
            double upshiftRpm,
            double riskFactor) {
        this.speedFactor = speedFactor;
        this.accelMaxMps2 = accelMaxMps2;
        this.comfortBrakeMps2 = comfortBrakeMps2;
        this.maxBrakeMps2 = maxBrakeMps2;
        this.upshiftRpm = upshiftRpm;
        this.riskFactor = riskFactor;
    }

    /** Cruising speed as a fraction of the limit. */
    public double speedFactor() {
        return speedFactor;
    }

    /** Strongest acceleration in normal driving. */
    public double accelMaxMps2() {
        return accelMaxMps2;
    }

    /** Deceleration the driver plans stops with. */
    public double comfortBrakeMps2() {
        return comfortBrakeMps2;
    }

    /** Strongest deceleration in normal driving (always below the harsh-braking threshold). */
    public double maxBrakeMps2() {
        return maxBrakeMps2;
    }

    /** Engine speed at which the driver shifts up. */
    public double upshiftRpm() {
        return upshiftRpm;
    }

    /** Multiplier on the odds of driver-caused anomalies (harsh braking, speeding). */
    public double riskFactor() {
        return riskFactor;
    }

    /** Picks a style with the fleet's share, from a uniform draw in [0, 1). */
    public static DriverStyle pick(double uniform) {
        double acc = 0;
        for (DriverStyle s : values()) {
            acc += FLEET_SHARE[s.ordinal()];
            if (uniform < acc) {
                return s;
            }
        }
        return NORMAL;
    }
}
