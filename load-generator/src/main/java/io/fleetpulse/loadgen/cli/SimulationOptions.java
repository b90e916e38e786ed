package io.fleetpulse.loadgen.cli;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;

/** Options describing the simulated fleet: size, rate, seed, region, missing data, anomalies. */
public final class SimulationOptions {

    @Option(
            names = "--vehicles",
            defaultValue = "10000",
            description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--rate",
            defaultValue = "50000",
            description =
                    "Total events per second of the fleet (default: ${DEFAULT-VALUE}, i.e. 5 Hz per vehicle at 10,000 vehicles).")
    double rate;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "Random seed; same seed and options give the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--region",
            defaultValue = "52.33,13.08,52.68,13.76",
            description =
                    "Where vehicles drive: minLat,minLon,maxLat,maxLon (default: ${DEFAULT-VALUE}, Berlin).")
    String region;

    @Option(
            names = "--ambient",
            defaultValue = "15",
            description = "Mean outside temperature, degC (default: ${DEFAULT-VALUE}).")
    double ambientC;

    @Option(
            names = "--dropout-rate",
            defaultValue = "0.01",
            description =
                    "Chance of a single missing reading per sensor and message (default: ${DEFAULT-VALUE}).")
    double dropoutRate;

    @Option(
            names = "--bursts-per-hour",
            defaultValue = "0.5",
            description = "Sensor outages per sensor and hour (default: ${DEFAULT-VALUE}).")
    double burstsPerHour;

    @Option(
            names = "--burst-mean",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "Mean length of a sensor outage, at least 2s (default: ${DEFAULT-VALUE}).")
    java.time.Duration burstMean;

    @Option(
            names = "--mnar-strength",
            defaultValue = "1.0",
            description =
                    "Scale of value-dependent missingness (oil pressure at high rpm, GPS in urban canyons, ...); 0 = off (default: ${DEFAULT-VALUE}).")
    double mnarStrength;

    @Option(
            names = "--message-loss-rate",
            defaultValue = "0.001",
            description =
                    "Chance that a whole message is lost, leaving a seq gap (default: ${DEFAULT-VALUE}).")
    double messageLossRate;

    @Option(
            names = "--anomaly-rate",
            defaultValue = "0.5",
            description =
                    "Anomaly episodes per vehicle and simulated hour; 0 = none (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(
            names = "--anomaly-kinds",
            split = ",",
            converter = CaseInsensitive.AnomalyKindConverter.class,
            description = "Kinds to inject (default: all): ${COMPLETION-CANDIDATES}.")
    List<AnomalyKind> anomalyKinds;

    /**
     * The simulation config; throws IllegalArgumentException with a readable message when invalid.
     */
    public SimulationConfig config(long startEpochMs) {
        MissingnessConfig missing =
                new MissingnessConfig(
                        dropoutRate,
                        burstsPerHour,
                        burstMean.toMillis() / 1000.0,
                        mnarStrength,
                        messageLossRate);
        AnomalyConfig anomalies =
                new AnomalyConfig(
                        anomalyRate,
                        anomalyKinds == null || anomalyKinds.isEmpty()
                                ? EnumSet.allOf(AnomalyKind.class)
                                : EnumSet.copyOf(anomalyKinds));
        return new SimulationConfig(
                vehicles,
                rate,
                seed,
                startEpochMs,
                Region.parse(region),
                ambientC,
                missing,
                anomalies);
    }
}
