package io.fleetpulse.stack;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code fleet up}: starts what is missing of the local stack and reports where it listens. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack: a Kafka broker (KRaft, its own JVM) with every FleetPulse topic,"
                    + " and the ingest gateway. Running components are left as they are.",
            "State: work/stack/stack.json, logs: work/stack/logs/, Kafka data: work/stack/kafka/."
        })
public final class UpCommand implements Callable<Integer> {

    @ParentCommand FleetCli cli;

    @Mixin StackOptions options;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StackConfig config = options.toConfig();
        StackManager stack = cli.stack();
        StackManager.UpResult result = stack.up(config, out);
        out.println();
        report(stack, result, out);
        return 0;
    }

    static void report(StackManager stack, StackManager.UpResult result, PrintStream out) {
        TextTable t = new TextTable("component", "pid", "address", "state", "log");
        result.alreadyRunning()
                .forEach(
                        c -> t.row(c.name(), c.pid(), c.address(), "already running", c.logFile()));
        result.started()
                .forEach(c -> t.row(c.name(), c.pid(), c.address(), "started", c.logFile()));
        result.failed().forEach(f -> t.row(f.name(), "-", "-", "FAILED: " + f.reason(), "-"));
        t.print(out, 0);
        if (result.started().isEmpty()) {
            out.println("stack already running; nothing started");
        }
        out.println();
        out.println("state: " + stack.layout().stateFile());
        out.println("stop with: ./fleet down   (add --purge to delete Kafka's data too)");
    }
}
