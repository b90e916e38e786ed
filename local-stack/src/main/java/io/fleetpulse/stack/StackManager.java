package io.fleetpulse.stack;

import io.fleetpulse.stack.component.FeatureJobComponent;
import io.fleetpulse.stack.component.GatewayComponent;
import io.fleetpulse.stack.component.KafkaComponent;
import io.fleetpulse.stack.flink.FlinkClusterLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts, finds and stops the local stack's processes, each its own JVM recorded in {@code
 * stack.json}: the registered {@link StackComponent}s in order. Starting is idempotent (a live
 * component is checked and reported, not restarted); a component that is not essential may fail
 * without stopping the rest; stopping signals only processes that {@link Processes#isOurs pass the
 * ownership check}.
 */
public final class StackManager {

    public static final String KAFKA = KafkaComponent.NAME;
    public static final String GATEWAY = GatewayComponent.NAME;
    public static final String FEATURE_JOB = FeatureJobComponent.NAME;
    public static final String KAFKA_MAIN = KafkaComponent.MAIN;
    public static final String CLI_MAIN = GatewayComponent.CLI_MAIN;
    public static final String FEATURE_JOB_MAIN = FeatureJobComponent.MAIN;

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** A component that did not start, and why. */
    public record Failure(String name, String reason) {}

    /** What {@link #up} found or did per component. */
    public record UpResult(
            List<ComponentState> started,
            List<ComponentState> alreadyRunning,
            List<Failure> failed) {
        /** True if {@code name} was started by this call. */
        public boolean started(String name) {
            return started.stream().anyMatch(c -> c.name().equals(name));
        }
    }

    private final StackLayout layout;
    private final JvmLauncher launcher;
    private final List<StackComponent> components;

    public StackManager(StackLayout layout, JvmLauncher launcher) {
        this(layout, launcher, StackComponents.standard());
    }

    public StackManager(StackLayout layout, JvmLauncher launcher, List<StackComponent> components) {
        this.layout = layout;
        this.launcher = launcher;
        this.components = List.copyOf(components);
    }

    public StackLayout layout() {
        return layout;
    }

    /** The recorded component if it is still our live process. */
    public Optional<ComponentState> running(String name) {
        return StackState.load(layout)
                .component(name)
                .filter(c -> Processes.isOurs(c, layout.workDir()));
    }

    /** Kafka's bootstrap address if our broker runs. */
    public Optional<String> bootstrap() {
        return running(KAFKA).map(ComponentState::address);
    }

    /**
     * Brings the stack up: starts what is missing in order, runs each component's after-up step
     * (topics, tables), reports on {@code out}.
     *
     * @throws StackException when an essential component does not start (a port is taken, ...)
     */
    public UpResult up(StackConfig config, PrintStream out) {
        List<ComponentState> started = new ArrayList<>();
        List<ComponentState> already = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        StackContext ctx = new StackContext(config, layout, launcher, out);
        for (StackComponent component : components) {
            if (!component.wanted(config)) {
                continue;
            }
            try {
                Optional<ComponentState> live = running(component.name());
                ComponentState c;
                if (live.isPresent()) {
                    c = live.get();
                    component.verifyRunning(c, ctx);
                    already.add(c);
                } else {
                    c = component.start(ctx);
                    started.add(c);
                }
                if (component.name().equals(KAFKA)) {
                    ctx.bootstrap(c.address());
                }
                component.afterUp(c, ctx);
            } catch (RuntimeException e) {
                if (component.essential()) {
                    throw e;
                }
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                out.printf(
                        "%s did not start: %s%n  the rest of the stack runs without it%n",
                        component.name(), reason);
                started.removeIf(c -> c.name().equals(component.name()));
                running(component.name()).ifPresent(c -> stop(List.of(c), out));
                failed.add(new Failure(component.name(), reason));
            }
        }
        return new UpResult(started, already, failed);
    }

    /**
     * Stops every recorded component that is ours, newest first, and removes the state; with {@code
     * purge} also deletes Kafka's data, the components' data derived from it ({@code
     * work/stack/data}, e.g. Pinot's; the Flink jobs' checkpoints and the session cluster's
     * savepoints, which hold Kafka offsets and transactions of the deleted log) and the logs.
     * Returns the PIDs it stopped.
     */
    public List<Long> down(boolean purge, PrintStream out) {
        StackState state = StackState.load(layout);
        List<Long> stopped = new ArrayList<>();
        if (state.components().isEmpty()) {
            out.println("no stack recorded in " + layout.stateFile() + ": nothing to stop");
        }
        stopped.addAll(stop(state.components(), out));
        StackState.delete(layout);
        if (purge) {
            List<Path> purged =
                    List.of(
                            layout.kafkaDataDir(),
                            // Derived from Kafka, they would point past the new log: Pinot's
                            // tables, and the Flink jobs' checkpoints and savepoints (source
                            // offsets, open transactions, state of events that are gone).
                            layout.stackDir().resolve("data"),
                            layout.checkpointsDir(),
                            FlinkClusterLayout.under(layout.workDir()).root(),
                            layout.logsDir());
            purged.forEach(StackManager::deleteTree);
            out.println(
                    "purged " + String.join(", ", purged.stream().map(Path::toString).toList()));
        }
        return stopped;
    }

    /**
     * Stops the given components (newest first) if they are ours and removes them from the state;
     * others recorded stay. Returns the PIDs it stopped.
     */
    public List<Long> stop(List<ComponentState> components, PrintStream out) {
        List<Long> stopped = new ArrayList<>();
        List<ComponentState> newestFirst = new ArrayList<>(components);
        java.util.Collections.reverse(newestFirst);
        for (ComponentState c : newestFirst) {
            if (Processes.isOurs(c, layout.workDir())) {
                out.printf("stopping %s (pid %d) ...", c.name(), c.pid());
                out.flush();
                boolean gone = Processes.stop(c.pid(), STOP_GRACE);
                out.println(gone ? " stopped" : " STILL RUNNING (could not stop it)");
                if (!gone) {
                    throw new StackException(
                            "could not stop " + c.name() + " (pid " + c.pid() + ")");
                }
                stopped.add(c.pid());
            } else if (Processes.isAlive(c.pid())) {
                out.printf(
                        "%s: pid %d is alive but is not the process we started (command line or"
                                + " start time differ); left alone%n",
                        c.name(), c.pid());
            } else {
                out.printf("%s (pid %d) was not running%n", c.name(), c.pid());
            }
            StackState state = StackState.load(layout);
            if (state.component(c.name()).filter(x -> x.pid() == c.pid()).isPresent()) {
                state = state.without(c.name());
                if (state.components().isEmpty()) {
                    StackState.delete(layout);
                } else {
                    state.save(layout);
                }
            }
        }
        return stopped;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
