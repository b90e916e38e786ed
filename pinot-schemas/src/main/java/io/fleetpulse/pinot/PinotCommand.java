package io.fleetpulse.pinot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fleet pinot …}: the group holding {@link PinotApplyCommand}, for the fleet CLI to add as a
 * subcommand ({@code fleet pinot apply}).
 */
@Command(
        name = "pinot",
        mixinStandardHelpOptions = true,
        description = "Manage FleetPulse's Pinot tables.",
        subcommands = {PinotApplyCommand.class})
public final class PinotCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (apply)");
    }
}
