package io.fleetpulse.loadgen.physics;

/**
 * Physical effects an injected anomaly has on a vehicle, read by the physics step: a driver
 * speeding or braking harshly, a failed cooling system, fuel leaving the tank other than through
 * the engine. All off by default.
 */
public final class Disturbances {

    /** Target speed as a multiple of the limit while speeding; 0 = not speeding. */
    public double overSpeedFactor;

    /** Deceleration of a harsh braking manoeuvre; 0 = none. */
    public double harshBrakeMps2;

    /** Thermostat stuck closed and fan dead. */
    public boolean coolingFault;

    /** Fuel lost from the tank besides consumption (leak or theft), litres per hour. */
    public double fuelLossLph;

    public void clear() {
        overSpeedFactor = 0;
        harshBrakeMps2 = 0;
        coolingFault = false;
        fuelLossLph = 0;
    }
}
