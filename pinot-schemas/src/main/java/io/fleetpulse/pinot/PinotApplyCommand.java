package io.fleetpulse.pinot;

import io.fleetpulse.ingest.topics.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet pinot apply}: creates or updates FleetPulse's Pinot schemas and REALTIME tables
 * through the controller's REST API, idempotently, and prints what changed (one line per schema and
 * table, then a summary). Exit code 0 when everything is applied, 1 when Pinot refuses a config or
 * cannot be reached (its message on stderr).
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description =
                "Create or update the Pinot schemas and realtime tables (idempotent); print what"
                        + " changed.")
public final class PinotApplyCommand implements Callable<Integer> {

    /** System property with the local stack's controller URL (set by the fleet CLI). */
    public static final String CONTROLLER_PROPERTY = "fleet.pinot.controller";

    @Spec CommandSpec spec;

    @Option(
            names = "--controller",
            description = "Pinot controller URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:fleet.pinot.controller:-http://127.0.0.1:19000}")
    String controller;

    @Option(
            names = "--bootstrap-server",
            description =
                    "Kafka bootstrap servers Pinot consumes from (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            description = "Read the topics of this prefixed topic set (default: production names).",
            defaultValue = "")
    String topicPrefix;

    @Option(names = "--dry-run", description = "Validate and compare only; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topics topics = topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix);
        try {
            List<ApplyResult> results =
                    new PinotApplier(new PinotControllerClient(controller))
                            .apply(PinotConfigs.all(topics, bootstrap), dryRun);
            results.forEach(r -> out.println(r.describe()));
            out.println(summary(results, dryRun));
            out.flush();
            return 0;
        } catch (PinotException e) {
            err.println("fleet pinot apply: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    static String summary(List<ApplyResult> results, boolean dryRun) {
        long created = count(results, ApplyResult.Action.CREATED);
        long updated = count(results, ApplyResult.Action.UPDATED);
        long unchanged = count(results, ApplyResult.Action.UNCHANGED);
        String verb = dryRun ? "would be " : "";
        return String.format(
                "%d %screated, %d %supdated, %d unchanged%s",
                created, verb, updated, verb, unchanged, dryRun ? " (dry run)" : "");
    }

    private static long count(List<ApplyResult> results, ApplyResult.Action action) {
        return results.stream().filter(r -> r.action() == action).count();
    }

    /**
     * Runs the command on its own, e.g. {@code java -cp … io.fleetpulse.pinot.PinotApplyCommand}.
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PinotApplyCommand()).execute(args));
    }
}
