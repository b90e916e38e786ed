package io.fleetpulse.stack;

import io.fleetpulse.loadgen.ProducerBenchCommand;
import io.fleetpulse.serving.bench.ServingBenchCommand;
import io.fleetpulse.stack.bench.FeatureBenchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
            ServingBenchCommand.class
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
