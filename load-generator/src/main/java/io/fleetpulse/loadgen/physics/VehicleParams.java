package io.fleetpulse.loadgen.physics;

import java.util.SplittableRandom;

/**
 * The fixed properties of one simulated vehicle (a delivery van), drawn once from plausible ranges
 * so the fleet is not a thousand identical copies: mass and payload, drag, rolling resistance,
 * engine power, gearbox, tank, tyres.
 */
public record VehicleParams(
        double emptyMassKg,
        double maxCargoKg,
        double dragAreaM2,
        double rollingResistance,
        double ratedPowerKw,
        double idleRpm,
        double tankLitres,
        double wheelRadiusM,
        double finalDrive,
        double coldTyreKpa) {

    /** Gear ratios of the six-speed gearbox (engine turns per gearbox output turn). */
    private static final double[] GEAR_RATIOS = {4.5, 2.5, 1.55, 1.1, 0.85, 0.7};

    /** Engine speed of rated power. */
    public static final double RATED_RPM = 3600;

    /** Draws a van. */
    public static VehicleParams random(SplittableRandom rng) {
        return new VehicleParams(
                rng.nextDouble(2000, 2600),
                rng.nextDouble(800, 1400),
                rng.nextDouble(0.9, 1.3),
                rng.nextDouble(0.009, 0.013),
                rng.nextDouble(95, 140),
                rng.nextDouble(750, 850),
                rng.nextDouble(70, 90),
                rng.nextDouble(0.33, 0.35),
                rng.nextDouble(3.7, 4.1),
                rng.nextDouble(420, 480));
    }

    public int gears() {
        return GEAR_RATIOS.length;
    }

    /** Engine speed in {@code gear} (1-based) at road speed {@code speedMps}, clutch closed. */
    public double rpmInGear(int gear, double speedMps) {
        return speedMps / (2 * Math.PI * wheelRadiusM) * 60 * GEAR_RATIOS[gear - 1] * finalDrive;
    }
}
