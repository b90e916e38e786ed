package io.fleetpulse.stack;

import io.fleetpulse.ingest.gateway.GatewayCommand;
import io.fleetpulse.ingest.replay.ReplayCommand;
import io.fleetpulse.learner.cli.AlertsCommand;
import io.fleetpulse.loadgen.SimulateCommand;
import io.fleetpulse.pinot.PinotCommand;
import io.fleetpulse.pinot.QueryCommand;
import io.fleetpulse.serving.cli.ServeCommand;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.impute.ImputeCommand;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code fleet} command line: starts, inspects and stops the local stack and composes the other
 * modules' commands (replay, gateway, simulator, Pinot tables and queries, benchmarks) under one
 * name. Before parsing, it points the system properties {@code fleet.bootstrap} (every {@code
 * --bootstrap-server} default) and {@code fleet.pinot.controller} / {@code fleet.pinot.broker} at
 * the running stack.
 */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        version = "FleetPulse fleet CLI 0.1.0",
        description =
                "FleetPulse on your machine: a local Kafka stack, the demo, replay and benchmarks.",
        subcommands = {
            UpCommand.class,
            DownCommand.class,
            StatusCommand.class,
            TopicsCommand.class,
            DemoCommand.class,
            ReplayCommand.class,
            GatewayCommand.class,
            ServeCommand.class,
            SimulateCommand.class,
            ImputeCommand.class,
            PinotCommand.class,
            QueryCommand.class,
            BenchCommand.class,
            EvalCommand.class,
            AlertsCommand.class
        })
public final class FleetCli implements Callable<Integer> {

    /** System property read by every {@code --bootstrap-server} default. */
    public static final String BOOTSTRAP_PROPERTY = "fleet.bootstrap";

    /** System property read by the Pinot commands' {@code --controller} default. */
    public static final String PINOT_CONTROLLER_PROPERTY = "fleet.pinot.controller";

    /** System property read by the Pinot commands' {@code --broker} default. */
    public static final String PINOT_BROKER_PROPERTY = "fleet.pinot.broker";

    @Spec CommandSpec spec;

    private final StackLayout layout;
    private final String classpath;

    /** The CLI for this JVM's work directory and classpath. */
    public FleetCli() {
        this(StackLayout.fromSystemProperties(), System.getProperty("java.class.path"));
    }

    /**
     * @param layout the work directory the stack lives in
     * @param classpath the classpath of the JVMs the stack starts
     */
    public FleetCli(StackLayout layout, String classpath) {
        this.layout = layout;
        this.classpath = classpath;
    }

    public StackLayout layout() {
        return layout;
    }

    /** A manager for this CLI's stack. */
    public StackManager stack() {
        return new StackManager(layout, new JvmLauncher(layout, classpath));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The configured command line: user errors print a message, not a stack trace. */
    public static CommandLine commandLine(FleetCli cli) {
        CommandLine cl = new CommandLine(cli);
        cl.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof StackException
                            || e instanceof UncheckedIOException
                            || e instanceof KafkaInspector.KafkaQueryException
                            || e instanceof IllegalArgumentException) {
                        commandLine
                                .getErr()
                                .println(
                                        "fleet "
                                                + commandLine.getCommandName()
                                                + ": "
                                                + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
        return cl;
    }

    /**
     * Sets the system properties the commands' defaults read ({@value #BOOTSTRAP_PROPERTY}, {@value
     * #PINOT_CONTROLLER_PROPERTY}, {@value #PINOT_BROKER_PROPERTY}) to the running stack's
     * addresses, unless already set.
     */
    public static void pointAtRunningStack(StackManager stack) {
        if (System.getProperty(BOOTSTRAP_PROPERTY) == null) {
            stack.bootstrap().ifPresent(b -> System.setProperty(BOOTSTRAP_PROPERTY, b));
        }
        stack.running(PinotComponent.NAME)
                .ifPresent(
                        p -> {
                            if (System.getProperty(PINOT_CONTROLLER_PROPERTY) == null) {
                                System.setProperty(PINOT_CONTROLLER_PROPERTY, p.address());
                            }
                            if (System.getProperty(PINOT_BROKER_PROPERTY) == null) {
                                System.setProperty(
                                        PINOT_BROKER_PROPERTY, PinotComponent.brokerUrl(p));
                            }
                        });
    }

    public static void main(String[] args) {
        FleetCli cli = new FleetCli();
        try {
            pointAtRunningStack(cli.stack());
        } catch (UncheckedIOException e) {
            System.err.println("fleet: " + e.getMessage());
        }
        System.exit(commandLine(cli).execute(args));
    }
}
