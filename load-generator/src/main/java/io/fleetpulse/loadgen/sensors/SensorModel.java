package io.fleetpulse.loadgen.sensors;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.physics.VehicleState;
import java.util.SplittableRandom;

/**
 * Turns a vehicle's physical state into sensor readings: first the true value of every {@link
 * Sensor}, then a reading with the sensor's own measurement noise, clamped to the sensor's
 * plausible range. Readings that are physically exactly zero (speed at a standstill, brake pressure
 * off the pedal, engine values with the engine off) stay exactly zero, as real sensors report them.
 * Slow, filtered signals (fuel level, odometer, brake pads) carry no noise.
 */
public final class SensorModel {

    /** Every sensor, in schema order; arrays of readings are indexed by {@code ordinal()}. */
    public static final Sensor[] SENSORS = Sensor.values();

    public static final int COUNT = SENSORS.length;

    /** GPS position noise, metres (one standard deviation). */
    static final double GPS_NOISE_M = 3;

    private static final double[] NOISE = new double[COUNT];
    private static final boolean[] EXACT_ZERO = new boolean[COUNT];

    static {
        for (Sensor s : SENSORS) {
            NOISE[s.ordinal()] = noise(s);
            EXACT_ZERO[s.ordinal()] = exactZero(s);
        }
    }

    private SensorModel() {}

    /** The measurement noise (standard deviation, in the sensor's unit) of {@code sensor}. */
    public static double noise(Sensor sensor) {
        return switch (sensor) {
            case LATITUDE, LONGITUDE -> GPS_NOISE_M / Region.METRES_PER_DEGREE;
            case SPEED -> 0.2;
            case ACCELERATION -> 0.05;
            case HEADING -> 0.5;
            case ENGINE_RPM -> 10;
            case ENGINE_LOAD -> 0.5;
            case COOLANT_TEMP -> 0.2;
            case OIL_PRESSURE -> 3;
            case FUEL_RATE -> 0.05;
            case BRAKE_PRESSURE -> 0.3;
            case BATTERY_VOLTAGE -> 0.03;
            case TYRE_PRESSURE -> 1;
            case AMBIENT_TEMP -> 0.1;
            // A throttle position sensor is a potentiometer read through an ADC: it was noise-free
            // here, so a stuck throttle looked exactly like steady cruising on the flat.
            case THROTTLE -> 0.3;
            case FUEL_LEVEL, ODOMETER, BRAKE_PAD -> 0;
        };
    }

    /** Whether the sensor reads exactly zero at rest (engine off, pedal released, standing). */
    public static boolean restsAtZero(Sensor sensor) {
        return EXACT_ZERO[sensor.ordinal()];
    }

    private static boolean exactZero(Sensor sensor) {
        return switch (sensor) {
            case SPEED,
                    ENGINE_RPM,
                    ENGINE_LOAD,
                    THROTTLE,
                    OIL_PRESSURE,
                    FUEL_RATE,
                    BRAKE_PRESSURE ->
                    true;
            default -> false;
        };
    }

    /** The true value of {@code sensor} in state {@code s}, in the sensor's unit. */
    public static double truthOf(Sensor sensor, VehicleState s, double fuelPct) {
        return switch (sensor) {
            case LATITUDE -> s.lat;
            case LONGITUDE -> s.lon;
            case SPEED -> s.speedMps * 3.6;
            case ACCELERATION -> s.accelMps2;
            case HEADING -> s.headingDeg;
            case ENGINE_RPM -> s.rpm;
            case ENGINE_LOAD -> s.loadPct;
            case THROTTLE -> s.throttlePct;
            case COOLANT_TEMP -> s.coolantC;
            case OIL_PRESSURE -> s.oilKpa;
            case FUEL_RATE -> s.fuelRateLph;
            case FUEL_LEVEL -> fuelPct;
            case BRAKE_PRESSURE -> s.brakeBar;
            case BATTERY_VOLTAGE -> s.batteryV;
            case ODOMETER -> s.odometerKm;
            case TYRE_PRESSURE -> s.tyreKpa;
            case AMBIENT_TEMP -> s.ambientC;
            case BRAKE_PAD -> s.brakePadMm;
        };
    }

    /** Fills {@code truth} (indexed by sensor ordinal) from the state. */
    public static void truth(VehicleState s, double tankLitres, double[] truth) {
        double fuelPct = 100 * s.fuelLitres / tankLitres;
        for (Sensor sensor : SENSORS) {
            truth[sensor.ordinal()] = truthOf(sensor, s, fuelPct);
        }
    }

    /**
     * Fills {@code reading} with noisy readings of {@code truth}.
     *
     * @param lonScale degrees of longitude per degree of latitude at the vehicle's latitude
     */
    public static void measure(
            double[] truth, double[] reading, double lonScale, SplittableRandom rng) {
        for (int i = 0; i < COUNT; i++) {
            double t = truth[i];
            double sigma = NOISE[i];
            double r;
            if (sigma == 0 || (t == 0 && EXACT_ZERO[i])) {
                r = t;
            } else {
                r = t + sigma * rng.nextGaussian();
            }
            reading[i] = r;
        }
        int lon = Sensor.LONGITUDE.ordinal();
        reading[lon] = truth[lon] + (reading[lon] - truth[lon]) * lonScale;
        int heading = Sensor.HEADING.ordinal();
        reading[heading] = wrapDegrees(reading[heading]);
        for (Sensor s : SENSORS) {
            int i = s.ordinal();
            reading[i] = clamp(reading[i], s.min(), s.max());
        }
    }

    /** An angle in [0, 360). */
    public static double wrapDegrees(double deg) {
        double d = deg % 360;
        return d < 0 ? d + 360 : d;
    }

    static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }
}
