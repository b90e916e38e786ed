package io.fleetpulse.loadgen.sim;

import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;

/**
 * Everything that determines a simulation: with the same config (seed included) the simulator
 * produces the same events and labels, byte for byte.
 *
 * @param vehicles fleet size
 * @param eventsPerSecond total message rate of the fleet, in simulated time; each vehicle reports
 *     every {@code vehicles / eventsPerSecond} seconds
 * @param seed seed of every random stream
 * @param startEpochMs event time of the first message, ms since the epoch
 * @param region where vehicles drive
 * @param ambientC mean outside temperature (a daily swing of +-6 degC is added)
 * @param missingness how data goes missing
 * @param anomalies which anomalies are injected, how often
 */
public record SimulationConfig(
        int vehicles,
        double eventsPerSecond,
        long seed,
        long startEpochMs,
        Region region,
        double ambientC,
        MissingnessConfig missingness,
        AnomalyConfig anomalies) {

    public static final int DEFAULT_VEHICLES = 10_000;
    public static final double DEFAULT_RATE = 50_000;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_AMBIENT_C = 15;

    /** A vehicle reports at most this often (Hz) and at least this rarely. */
    static final double MAX_HZ = 100;

    static final double MIN_HZ = 0.01;

    public SimulationConfig {
        if (vehicles < 1) {
            throw new IllegalArgumentException("need at least one vehicle");
        }
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("event rate must be > 0");
        }
        double hz = eventsPerSecond / vehicles;
        if (hz > MAX_HZ || hz < MIN_HZ) {
            throw new IllegalArgumentException(
                    String.format(
                            java.util.Locale.ROOT,
                            "%d vehicles at %.0f events/s is %.3g Hz per vehicle; keep it within"
                                    + " %.2f..%.0f Hz",
                            vehicles,
                            eventsPerSecond,
                            hz,
                            MIN_HZ,
                            MAX_HZ));
        }
        if (ambientC < -40 || ambientC > 45) {
            throw new IllegalArgumentException("ambient temperature must be within -40..45 degC");
        }
    }

    /**
     * The defaults (10,000 vehicles, 50,000 events/s, seed 42) starting at {@code startEpochMs}.
     */
    public static SimulationConfig defaults(long startEpochMs) {
        return new SimulationConfig(
                DEFAULT_VEHICLES,
                DEFAULT_RATE,
                DEFAULT_SEED,
                startEpochMs,
                Region.DEFAULT,
                DEFAULT_AMBIENT_C,
                MissingnessConfig.DEFAULT,
                AnomalyConfig.DEFAULT);
    }

    /** Seconds between two messages of one vehicle. */
    public double periodS() {
        return vehicles / eventsPerSecond;
    }

    public SimulationConfig withVehicles(int n, double rate) {
        return new SimulationConfig(
                n, rate, seed, startEpochMs, region, ambientC, missingness, anomalies);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(
                vehicles,
                eventsPerSecond,
                s,
                startEpochMs,
                region,
                ambientC,
                missingness,
                anomalies);
    }

    public SimulationConfig withStart(long epochMs) {
        return new SimulationConfig(
                vehicles, eventsPerSecond, seed, epochMs, region, ambientC, missingness, anomalies);
    }

    public SimulationConfig withRegion(Region r, double ambient) {
        return new SimulationConfig(
                vehicles, eventsPerSecond, seed, startEpochMs, r, ambient, missingness, anomalies);
    }

    public SimulationConfig withMissingness(MissingnessConfig m) {
        return new SimulationConfig(
                vehicles, eventsPerSecond, seed, startEpochMs, region, ambientC, m, anomalies);
    }

    public SimulationConfig withAnomalies(AnomalyConfig a) {
        return new SimulationConfig(
                vehicles, eventsPerSecond, seed, startEpochMs, region, ambientC, missingness, a);
    }
}
