package io.fleetpulse.stack.impute;

import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.impute.csv.CsvImputeException;
import io.fleetpulse.flink.impute.csv.CsvImputer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fleet impute --in FILE.csv --out FILE.csv}: imputes a telemetry CSV in stream order with
 * the very streaming MICE imputer FeatureJob uses, for backfills and for checking it against other
 * tools.
 */
@Command(
        name = "impute",
        mixinStandardHelpOptions = true,
        description =
                "Impute every numeric column of a telemetry CSV with FeatureJob's streaming MICE.")
public final class ImputeCommand implements Callable<Integer> {

    @Mixin MiceOptions miceOptions;

    @Option(names = "--in", required = true, description = "Input CSV (header line first).")
    Path in;

    @Option(
            names = "--out",
            required = true,
            description =
                    "Output CSV: same columns, missing cells filled, plus <col>_imputed and <col>_sd.")
    Path out;

    @Option(
            names = "--vehicle-column",
            defaultValue = "vehicleId",
            description = "Column naming the vehicle (default: ${DEFAULT-VALUE}).")
    String vehicleColumn;

    @Option(
            names = "--time-column",
            defaultValue = "eventTime",
            description = "Column with the time, epoch ms or ISO-8601 (default: ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(
            names = "--delimiter",
            defaultValue = ",",
            description = "Cell delimiter (default: '${DEFAULT-VALUE}').")
    char delimiter;

    @Option(
            names = "--min-observations",
            defaultValue = "50",
            description =
                    "Rows a column's model needs before it is used (default: ${DEFAULT-VALUE}).")
    long minObservations;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(in)) {
            System.err.println("fleet impute: cannot read " + in);
            return 1;
        }
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            System.err.println("fleet impute: --out must differ from --in");
            return 2;
        }
        MiceConfig config;
        try {
            config =
                    miceOptions.applyTo(MiceConfig.defaults()).withMinObservations(minObservations);
        } catch (IllegalArgumentException e) {
            System.err.println("fleet impute: " + e.getMessage());
            return 2;
        }
        try {
            CsvImputer.Summary s =
                    CsvImputer.impute(in, out, vehicleColumn, timeColumn, delimiter, config);
            System.out.printf(
                    "imputed %s -> %s: %,d rows; %,d of %,d missing cells filled (%,d by cold-start fallback), %,d left empty (nothing ever observed)%n",
                    in,
                    out,
                    s.rows(),
                    s.imputedCells(),
                    s.missingCells(),
                    s.coldStartCells(),
                    s.unimputableCells());
            System.out.println("numeric columns imputed: " + String.join(", ", s.imputedColumns()));
            if (!s.passedThroughColumns().isEmpty()) {
                System.out.println(
                        "passed through unchanged: " + String.join(", ", s.passedThroughColumns()));
            }
            return 0;
        } catch (CsvImputeException | IllegalArgumentException e) {
            System.err.println("fleet impute: " + e.getMessage());
            return 1;
        }
    }
}
