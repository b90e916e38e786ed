package io.fleetpulse.loadgen.physics;

/**
 * The driver: picks this step's acceleration. Cruises toward the limit as the style drives it,
 * anticipates the end of the segment (a lower limit, a turn, a stop) by braking at the constant
 * deceleration that meets the exit speed, and never exceeds the style's acceleration, braking or
 * the engine's power, unless an anomaly (harsh braking, speeding) says otherwise.
 */
final class DriverController {

    /** Gain of the cruise speed controller (1/s): no overshoot, a few seconds to settle. */
    private static final double SPEED_GAIN = 0.5;

    /** Start braking for the segment end once it needs this share of the comfortable decel. */
    private static final double ANTICIPATION = 0.75;

    /** Shortest distance used when computing the deceleration needed to meet the exit speed. */
    private static final double MIN_DISTANCE_M = 0.5;

    /** Standing still this close to the stop line counts as stopped at it. */
    static final double STOP_SLACK_M = 2;

    /** Walking pace the driver rolls up to a stop line at. */
    private static final double CREEP_MPS = 1.5;

    private DriverController() {}

    static double desiredAccel(
            VehicleState s,
            VehicleParams p,
            DriverStyle style,
            Route route,
            Disturbances dist,
            double availableAccel,
            double dt) {
        if (dist.harshBrakeMps2 > 0) {
            return -dist.harshBrakeMps2;
        }
        Segment seg = route.current();
        double v = s.speedMps;
        double d = seg.lengthM() - s.segmentPosM;
        double exit = seg.stopsAtEnd() ? 0 : route.exitSpeedMps();
        if (seg.stopsAtEnd() && d < STOP_SLACK_M) {
            // At the stop line: come to a standstill now (within the style's braking).
            return -Math.min(v / dt, style.maxBrakeMps2());
        }
        double target =
                dist.overSpeedFactor > 0
                        ? seg.limitMps() * dist.overSpeedFactor
                        : seg.limitMps() * s.cruiseFactor;
        // Never plan to be faster than what still allows a comfortable slowdown to the exit.
        double envelope =
                Math.sqrt(
                        exit * exit + 2 * ANTICIPATION * style.comfortBrakeMps2() * Math.max(d, 0));
        target = Math.min(target, Math.max(envelope, CREEP_MPS));
        double a = SPEED_GAIN * (target - v);
        a =
                Math.max(
                        -style.comfortBrakeMps2(),
                        Math.min(a, Math.min(style.accelMaxMps2(), availableAccel)));
        if (v > exit) {
            double needed = (exit * exit - v * v) / (2 * Math.max(d, MIN_DISTANCE_M));
            if (needed < -ANTICIPATION * style.comfortBrakeMps2()) {
                a = Math.min(a, needed);
            }
        }
        return Math.max(a, -style.maxBrakeMps2());
    }
}
