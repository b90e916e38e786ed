package io.fleetpulse.stack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fleet down}: stops exactly the processes {@code fleet up} started. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "Stops the processes recorded in work/stack/stack.json (SIGTERM, then SIGKILL after 30 s)"
                    + " after checking each is still ours (same start time, command line with our"
                    + " main class and work directory). Nothing else is signalled."
        })
public final class DownCommand implements Callable<Integer> {

    @ParentCommand FleetCli cli;

    @Option(names = "--purge", description = "Also delete Kafka's data and the stack logs")
    boolean purge;

    @Override
    public Integer call() {
        cli.stack().down(purge, System.out);
        return 0;
    }
}
