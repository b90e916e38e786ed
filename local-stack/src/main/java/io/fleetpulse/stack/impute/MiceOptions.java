package io.fleetpulse.stack.impute;

import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.ingest.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The streaming MICE options that {@code fleet impute} and {@code fleet eval imputation} share (a
 * picocli mixin), so the two commands name, default and apply them alike.
 */
public final class MiceOptions {

    @Option(
            names = "--imputations",
            defaultValue = "" + MiceConfig.DEFAULT_IMPUTATIONS,
            description =
                    "MICE m, the imputations drawn per missing value (default: ${DEFAULT-VALUE}).")
    int imputations;

    @Option(
            names = "--iterations",
            defaultValue = "" + MiceConfig.DEFAULT_ITERATIONS,
            description = "MICE sweeps per row (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            converter = DurationConverter.class,
            names = "--half-life",
            defaultValue = "1h", // MiceConfig.DEFAULT_HALF_LIFE (MiceOptionsTest checks they agree)
            description = "Forgetting half-life in event time (default: ${DEFAULT-VALUE}).")
    Duration halfLife;

    /**
     * {@code base} with these options applied.
     *
     * @throws IllegalArgumentException if a value is out of range (the message says which)
     */
    public MiceConfig applyTo(MiceConfig base) {
        return base.withImputations(imputations).withIterations(iterations).withHalfLife(halfLife);
    }
}
