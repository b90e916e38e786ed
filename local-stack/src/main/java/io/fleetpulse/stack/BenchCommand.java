package io.fleetpulse.stack;

import io.fleetpulse.learner.cli.BenchLearnerCommand;
import io.fleetpulse.loadgen.ProducerBenchCommand;
import io.fleetpulse.pinot.bench.PinotBenchCommand;
import io.fleetpulse.serving.bench.ServingBenchCommand;
import io.fleetpulse.stack.bench.E2eBenchCommand;
import io.fleetpulse.stack.bench.FeatureBenchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fleet bench …}: the benchmarks; each prints a table and writes JSON with --json. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks: each prints a table and, with --json FILE, writes the figures as JSON.",
        subcommands = {
            ProducerBenchCommand.class,
            FeatureBenchCommand.class,
            E2eBenchCommand.class,
            ServingBenchCommand.class,
            PinotBenchCommand.class,
            BenchLearnerCommand.class
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @ParentCommand FleetCli cli;

    /** The {@code fleet} command this runs under (for the local stack). */
    public FleetCli cli() {
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
