package io.fleetpulse.loadgen.sensors;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.VehicleState;
import java.util.SplittableRandom;

/**
 * Decides, for one vehicle, which readings of a message are missing and whether the message is lost
 * altogether. Missing data comes as it does in real fleets: random single dropouts, outages where a
 * sensor is silent for seconds to minutes, and missingness that depends on values (oil pressure
 * sender failing at high rpm, GPS lost at low speed in urban canyons, tyre pressure radio lost at
 * high speed, coolant sender failing when hot). Latitude, longitude and heading come from the one
 * GPS receiver and go missing together.
 */
public final class MissingnessModel {

    private static final int GPS = Sensor.LATITUDE.ordinal();
    private static final double OIL_MNAR_MAX = 0.25;
    private static final double OIL_MNAR_FROM_RPM = 2000;
    private static final double OIL_MNAR_SPAN_RPM = 1500;
    private static final double CANYON_MNAR_MAX = 0.15;

    /** Below this speed (m/s, 15 km/h) an urban canyon shades the GPS antenna. */
    private static final double CANYON_SLOW_MPS = 15 / 3.6;

    private static final double TYRE_MNAR_MAX = 0.05;
    private static final double TYRE_MNAR_FROM_KMH = 80;
    private static final double TYRE_MNAR_SPAN_KMH = 40;
    private static final double COOLANT_MNAR = 0.1;
    private static final double COOLANT_MNAR_ABOVE_C = 105;

    private final MissingnessConfig config;
    private final SplittableRandom rng;

    /** Simulated second until which each channel is in an outage. */
    private final double[] silentUntilS = new double[SensorModel.COUNT];

    public MissingnessModel(MissingnessConfig config, SplittableRandom rng) {
        this.config = config;
        this.rng = rng;
    }

    /** The channel (index of its leading sensor) a sensor's reading travels on. */
    static int channel(int sensorOrdinal) {
        return sensorOrdinal == Sensor.LONGITUDE.ordinal()
                        || sensorOrdinal == Sensor.HEADING.ordinal()
                ? GPS
                : sensorOrdinal;
    }

    /** Reads this model's own fields, so that a step soon after finds them in the cache. */
    public long prefetchModel() {
        return (silentUntilS == null ? 0 : 1) + (rng == null ? 0 : 2);
    }

    /**
     * Reads a word from each cache line of this model's outage times (after {@link
     * #prefetchModel()}), so that a step soon after finds them in the cache.
     */
    public long prefetch() {
        return Double.doubleToRawLongBits(silentUntilS[0] + silentUntilS[8] + silentUntilS[16]);
    }

    /** Whether the whole next message is lost. Draws exactly one number per message. */
    public boolean messageLost() {
        return rng.nextDouble() < config.messageLossRate();
    }

    /**
     * Marks in {@code present} (indexed by sensor ordinal) which readings of this message arrive.
     *
     * @param s the vehicle's true state (value-dependent missingness looks at it)
     * @param urbanCanyon whether the vehicle is in an urban canyon
     * @param dt seconds since the vehicle's previous message
     */
    public void apply(VehicleState s, boolean urbanCanyon, double dt, boolean[] present) {
        double now = s.timeS;
        double burstChance = config.burstsPerHour() * dt / 3600;
        for (int c = 0; c < SensorModel.COUNT; c++) {
            if (channel(c) != c) {
                continue;
            }
            // One uniform draw decides both an outage start and a single dropout.
            double u = rng.nextDouble();
            boolean missing;
            if (now < silentUntilS[c]) {
                missing = true;
            } else if (u < burstChance) {
                double extra = config.burstMeanS() - MissingnessConfig.BURST_MIN_S;
                silentUntilS[c] =
                        now
                                + MissingnessConfig.BURST_MIN_S
                                - extra * Math.log(1 - rng.nextDouble());
                missing = true;
            } else {
                double p = config.dropoutRate() + valueDependent(c, s, urbanCanyon);
                missing = u < burstChance + p;
            }
            present[c] = !missing;
        }
        // A channel's leading sensor was written above; the others on its channel follow it.
        for (int i = 0; i < SensorModel.COUNT; i++) {
            present[i] = present[channel(i)];
        }
    }

    /** Extra chance of a missing reading that depends on the vehicle's state. */
    private double valueDependent(int channel, VehicleState s, boolean urbanCanyon) {
        double k = config.mnarStrength();
        if (k == 0) {
            return 0;
        }
        if (channel == Sensor.OIL_PRESSURE.ordinal()) {
            return k * OIL_MNAR_MAX * clamp01((s.rpm - OIL_MNAR_FROM_RPM) / OIL_MNAR_SPAN_RPM);
        }
        if (channel == GPS) {
            return urbanCanyon && s.speedMps < CANYON_SLOW_MPS
                    ? k * CANYON_MNAR_MAX * (1 - s.speedMps / CANYON_SLOW_MPS)
                    : 0;
        }
        if (channel == Sensor.TYRE_PRESSURE.ordinal()) {
            return k
                    * TYRE_MNAR_MAX
                    * clamp01((s.speedMps * 3.6 - TYRE_MNAR_FROM_KMH) / TYRE_MNAR_SPAN_KMH);
        }
        if (channel == Sensor.COOLANT_TEMP.ordinal()) {
            return s.coolantC > COOLANT_MNAR_ABOVE_C ? k * COOLANT_MNAR : 0;
        }
        return 0;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }
}
