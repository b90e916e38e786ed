package io.fleetpulse.stack;

import io.fleetpulse.learner.cli.EvalDetectionCommand;
import io.fleetpulse.stack.eval.EvalImputationCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleet eval …}: accuracy evaluations against known truth and baselines. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluations: each prints a table and, with --json FILE, writes the figures as JSON.",
        subcommands = {EvalImputationCommand.class, EvalDetectionCommand.class})
public final class EvalCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
