package io.fleetpulse.loadgen.physics;

/**
 * Everything that changes about one vehicle while it drives: where it is, how fast, what the engine
 * does, temperatures, fluids and wear. A plain mutable holder (public fields, no logic), because
 * the step functions update dozens of coupled quantities per event and must not allocate.
 */
public final class VehicleState {

    /** What the vehicle is doing. */
    public enum Phase {
        DRIVING,
        /** Standing at a red light, engine idling. */
        WAITING_AT_LIGHT,
        /** Parked for a delivery, engine off. */
        PARKED,
        /** At a fuel station, engine off, tank filling. */
        REFUELLING
    }

    // Motion
    public double lat;
    public double lon;
    public double headingDeg;
    public double speedMps;
    public double accelMps2;

    /** Distance travelled along the current segment. */
    public double segmentPosM;

    /** The driver's cruising speed on this segment as a fraction of its limit. */
    public double cruiseFactor = 1;

    public Phase phase = Phase.DRIVING;

    /** Simulated second at which the current stop ends. */
    public double phaseEndsS;

    // Engine and drivetrain
    public boolean engineOn = true;

    /** True for the one step in which the engine was cranked. */
    public boolean cranking;

    public int gear = 1;
    public double rpm;
    public double loadPct;
    public double throttlePct;
    public double fuelRateLph;
    public double oilKpa;
    public double brakeBar;

    /** Brake force applied this step (N), for pad wear. */
    public double brakeForceN;

    public double batteryV = 12.6;

    /** Battery state of charge, 0..1. */
    public double batterySoc = 0.9;

    public boolean fanOn;

    // Temperatures, fluids, wear
    public double coolantC;
    public double ambientC;

    /** Simulated second at which ambient temperature is next updated. */
    public double ambientNextS;

    public double tyreWarmFraction;
    public double tyreKpa;
    public double fuelLitres;
    public double odometerKm;
    public double brakePadMm;
    public double cargoKg;

    /** Simulated seconds since the start of the simulation. */
    public double timeS;
}
