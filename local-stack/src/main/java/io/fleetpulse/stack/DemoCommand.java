package io.fleetpulse.stack;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.serving.cli.ServingConsole;
import io.fleetpulse.stack.component.ServingComponent;
import io.fleetpulse.stack.observe.PinotProbe;
import io.fleetpulse.stack.observe.PipelineProbe;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fleet demo}: brings the stack up (starting only what is missing), runs the fleet simulator
 * into it and prints a live line every few seconds (events/s in, consumer lag, dead letters).
 * Ctrl-C or the end of {@code --duration} stops the simulator and then the stack processes this
 * demo started; processes that were already running are left running.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack if needed, runs the fleet simulator into it and shows a live"
                    + " console line: events/s in, consumer lag, dead letters.",
            "Ctrl-C stops the simulator and whatever this demo started."
        })
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand FleetCli cli;

    @Mixin StackOptions options;

    @Option(
            names = "--rate",
            defaultValue = "2000",
            description = "Events per second the simulator sends (default ${DEFAULT-VALUE})")
    int rate;

    @Option(
            names = "--vehicles",
            defaultValue = "1000",
            description = "Simulated vehicles (default ${DEFAULT-VALUE})")
    int vehicles;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 5m (default: until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--via",
            defaultValue = "kafka",
            description =
                    "Where the simulator sends: kafka (straight to the raw topic) or gateway"
                            + " (HTTP Avro batches through the ingest gateway) (default ${DEFAULT-VALUE})")
    Via via;

    /** Where the demo's simulator sends. */
    enum Via {
        kafka,
        gateway
    }

    @Option(
            names = "--interval",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Time between console lines (default ${DEFAULT-VALUE})")
    Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        if (rate < 1 || vehicles < 1) {
            throw new IllegalArgumentException("--rate and --vehicles must be at least 1");
        }
        if (via == Via.gateway && options.noGateway) {
            throw new IllegalArgumentException(
                    "--via gateway needs the gateway (drop --no-gateway)");
        }
        StackManager stack = cli.stack();
        StackManager.UpResult up = stack.up(options.toConfig(), out);
        // What this up started (Pinot, say) becomes the default address of what follows.
        FleetCli.pointAtRunningStack(stack);
        out.println();
        UpCommand.report(stack, up, out);
        String bootstrap =
                stack.bootstrap().orElseThrow(() -> new StackException("Kafka is not running"));

        URI gateway =
                via == Via.kafka
                        ? null
                        : stack.running(StackManager.GATEWAY)
                                .map(c -> URI.create(c.address()))
                                .orElseThrow(
                                        () -> new StackException("the gateway is not running"));
        DemoLoad load =
                SimulatorLoad.create(bootstrap, gateway, rate, vehicles, duration, Topics.DEFAULT);
        Cleanup cleanup = new Cleanup(load, stack, up.started(), out);
        Thread hook = new Thread(cleanup::run, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println();
            out.printf(
                    "demo: %,d vehicles at %,d events/s into %s%s; Ctrl-C to stop%n",
                    vehicles,
                    rate,
                    gateway == null ? "Kafka " + bootstrap : "the gateway " + gateway,
                    duration == null ? "" : " for " + duration.toSeconds() + " s");
            load.start();
            monitor(bootstrap, load, cleanup, out);
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs cleanup, which is idempotent
            }
        }
        if (load.failure() != null) {
            System.err.println("fleet demo: the simulator failed: " + load.failure());
            return 1;
        }
        return 0;
    }

    private void monitor(String bootstrap, DemoLoad load, Cleanup cleanup, PrintStream out)
            throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        String broker = System.getProperty(FleetCli.PINOT_BROKER_PROPERTY, "");
        PinotProbe pinot = broker.isBlank() ? null : new PinotProbe(broker);
        try (KafkaInspector kafka = new KafkaInspector(bootstrap);
                PipelineProbe probe = PipelineProbe.start(bootstrap, Topics.DEFAULT);
                ServingConsole serving = servingConsole(bootstrap)) {
            DemoMonitor monitor = new DemoMonitor(kafka, Topics.DEFAULT, probe, pinot);
            monitor.sample(load.status());
            long next = System.nanoTime() + interval.toNanos();
            while (!load.finished() && !cleanup.begun() && System.nanoTime() < deadline) {
                long sleep = Math.min(next, deadline) - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(Math.max(1, sleep / 1_000_000));
                }
                next += interval.toNanos();
                if (!cleanup.begun()) {
                    out.println(monitor.sample(load.status()));
                    out.println("        " + serving.line());
                }
            }
        }
    }

    /** The model-serving line: served versions (with the stack's token) and latest alerts. */
    private ServingConsole servingConsole(String bootstrap) {
        String token;
        try {
            token = ServingComponent.token(cli.layout());
        } catch (java.io.IOException e) {
            token = null;
        }
        return new ServingConsole(
                URI.create("http://" + Ports.address(ServingSettings.DEFAULT_PORT)),
                token,
                bootstrap,
                Topics.DEFAULT.alerts().name());
    }

    /** Stops the load, then the components this demo started; runs once. */
    private static final class Cleanup implements Runnable {
        private final DemoLoad load;
        private final StackManager stack;
        private final List<ComponentState> started;
        private final PrintStream out;
        private final AtomicBoolean done = new AtomicBoolean();

        Cleanup(DemoLoad load, StackManager stack, List<ComponentState> started, PrintStream out) {
            this.load = load;
            this.stack = stack;
            this.started = started;
            this.out = out;
        }

        /** Whether stopping has begun (Ctrl-C or the end of the demo). */
        boolean begun() {
            return done.get();
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            out.println("demo: stopping the simulator ...");
            load.close();
            out.println("demo: " + load.status());
            if (started.isEmpty()) {
                out.println("demo: the stack was already running before the demo; left running");
            } else {
                out.println("demo: stopping what the demo started ...");
                stack.stop(started, out);
            }
            out.flush();
        }
    }
}
