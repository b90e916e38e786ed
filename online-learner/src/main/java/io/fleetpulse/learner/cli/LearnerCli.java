package io.fleetpulse.learner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * This module's commands without the local stack ({@code java -cp … LearnerCli alerts|eval
 * detection|bench learner}); the {@code fleet} CLI composes the same command classes.
 */
@Command(
        name = "learner",
        mixinStandardHelpOptions = true,
        description = "Online learner commands.",
        subcommands = {AlertsCommand.class, LearnerCli.Eval.class, LearnerCli.Bench.class})
public final class LearnerCli implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code eval …}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            subcommands = {EvalDetectionCommand.class})
    static final class Eval implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    /** {@code bench …}. */
    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            subcommands = {BenchLearnerCommand.class})
    static final class Bench implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LearnerCli()).execute(args));
    }
}
