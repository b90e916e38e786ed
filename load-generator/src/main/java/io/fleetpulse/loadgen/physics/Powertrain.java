package io.fleetpulse.loadgen.physics;

/**
 * Engine, gearbox and brakes for one step: from speed, acceleration and road the forces at the
 * wheels, then gear, engine speed, power, load, throttle, fuel rate (with fuel cut-off on overrun),
 * oil pressure, and brake pressure. Brakes are applied exactly when the driver decelerates harder
 * than {@link #BRAKE_ONSET_MPS2}; gentler slowing is engine braking.
 */
public final class Powertrain {

    public static final double GRAVITY = 9.81;

    /** Decelerations at least this strong use the service brake; weaker ones coast. */
    public static final double BRAKE_ONSET_MPS2 = 0.6;

    private static final double AIR_DENSITY = 1.2;
    private static final double DRIVETRAIN_EFFICIENCY = 0.9;

    /** Diesel brake-specific fuel consumption, litres per kWh at the crankshaft. */
    private static final double FUEL_L_PER_KWH = 0.26;

    /** Fuel an idling engine burns beyond its friction power. */
    private static final double BASE_FUEL_LPH = 0.35;

    /** Alternator, pumps and other accessories. */
    private static final double ACCESSORY_KW = 1.5;

    /** Air conditioning when it is warm outside. */
    private static final double AIR_CON_KW = 2.0;

    private static final double AIR_CON_ABOVE_C = 24;

    /** Internal friction grows with engine speed. */
    private static final double FRICTION_KW_PER_RPM = 0.0015;

    /** Injection is cut on overrun above this engine speed. */
    private static final double FUEL_CUT_RPM = 1100;

    private static final double DOWNSHIFT_RPM = 1200;
    private static final double HARD_ACCEL_MPS2 = 0.5;
    private static final double CRUISE_SHIFT_SHARE = 0.75;

    /** Clutch slip while pulling away. */
    private static final double LAUNCH_RPM = 500;

    /** Line pressure per m/s^2 of deceleration the brakes provide, plus a first touch. */
    private static final double BAR_PER_MPS2 = 12;

    private static final double MIN_BRAKE_BAR = 3;
    private static final double OIL_IDLE_KPA = 150;
    private static final double OIL_KPA_PER_RPM = 0.09;

    private Powertrain() {}

    /** Road resistance (rolling, air, gradient) at {@code speedMps}, newtons. */
    public static double resistanceN(
            VehicleParams p, double massKg, double speedMps, double grade) {
        double rolling = speedMps > 0.1 ? p.rollingResistance() : 0;
        return massKg * GRAVITY * (rolling + grade)
                + 0.5 * AIR_DENSITY * p.dragAreaM2() * speedMps * speedMps;
    }

    /** Engine power available at {@code rpm}, kW (a simple full-load curve). */
    static double availableKw(VehicleParams p, double rpm) {
        double share = 0.35 + 0.65 * (rpm - p.idleRpm()) / (VehicleParams.RATED_RPM - p.idleRpm());
        return p.ratedPowerKw() * Math.max(0.35, Math.min(1.0, share));
    }

    /** The strongest acceleration the engine can give now, m/s^2. */
    static double availableAccel(VehicleState s, VehicleParams p, double massKg, double grade) {
        double v = Math.max(s.speedMps, 1.0);
        double rpm = Math.max(p.rpmInGear(s.gear, s.speedMps), VehicleParams.RATED_RPM * 0.8);
        double wheelW = availableKw(p, rpm) * 1000 * DRIVETRAIN_EFFICIENCY;
        return (wheelW / v - resistanceN(p, massKg, s.speedMps, grade)) / massKg;
    }

    /**
     * Sets gear, rpm, load, throttle, fuel rate, oil and brake pressure for the step just taken.
     */
    static void update(
            VehicleState s, VehicleParams p, DriverStyle style, double massKg, double grade) {
        double v = s.speedMps;
        double a = s.accelMps2;
        double tractionN = massKg * a + resistanceN(p, massKg, v, grade);
        boolean braking = a <= -BRAKE_ONSET_MPS2;
        s.brakeForceN = braking ? Math.max(0, -tractionN) : 0;
        s.brakeBar = braking ? MIN_BRAKE_BAR + BAR_PER_MPS2 * s.brakeForceN / massKg : 0;

        if (!s.engineOn) {
            s.gear = 1;
            s.rpm = 0;
            s.loadPct = 0;
            s.throttlePct = 0;
            s.fuelRateLph = 0;
            s.oilKpa = 0;
            return;
        }
        shift(s, p, style);
        double wheelKw = Math.max(0, tractionN) * v / 1000;
        double rpmGear = p.rpmInGear(s.gear, v);
        double rpm = Math.max(rpmGear, p.idleRpm());
        if (s.gear == 1 && tractionN > 0 && rpmGear < p.idleRpm() + LAUNCH_RPM && v > 0) {
            rpm = Math.max(rpm, p.idleRpm() + LAUNCH_RPM * Math.min(1, a / style.accelMaxMps2()));
        }
        s.rpm = rpm;
        double available = availableKw(p, rpm);
        double accessories = ACCESSORY_KW + (s.ambientC > AIR_CON_ABOVE_C ? AIR_CON_KW : 0);
        double friction = FRICTION_KW_PER_RPM * rpm;
        boolean overrun = tractionN <= 0 && v > 2 && rpmGear > FUEL_CUT_RPM;
        if (overrun) {
            s.loadPct = 0;
            s.throttlePct = 0;
            s.fuelRateLph = 0;
        } else {
            double engineKw = wheelKw / DRIVETRAIN_EFFICIENCY;
            double indicatedKw = engineKw + accessories + friction;
            s.loadPct = clamp(100 * indicatedKw / available, 0, 100);
            s.throttlePct =
                    tractionN > 0 && v > 0 ? clamp(100 * engineKw / available + 3, 0, 100) : 0;
            s.fuelRateLph = BASE_FUEL_LPH + FUEL_L_PER_KWH * indicatedKw;
        }
        double viscosity = clamp(1 + 0.004 * (90 - s.coolantC), 0.9, 1.3);
        s.oilKpa = (OIL_IDLE_KPA + OIL_KPA_PER_RPM * (rpm - p.idleRpm())) * viscosity;
    }

    private static void shift(VehicleState s, VehicleParams p, DriverStyle style) {
        if (s.speedMps < 0.5) {
            s.gear = 1;
            return;
        }
        // Under hard acceleration the driver revs to the style's shift point; cruising, earlier.
        double upshift =
                s.accelMps2 > HARD_ACCEL_MPS2
                        ? style.upshiftRpm()
                        : style.upshiftRpm() * CRUISE_SHIFT_SHARE;
        while (s.gear < p.gears() && p.rpmInGear(s.gear, s.speedMps) > upshift) {
            s.gear++;
        }
        while (s.gear > 1 && p.rpmInGear(s.gear, s.speedMps) < DOWNSHIFT_RPM) {
            s.gear--;
        }
    }

    static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }
}
