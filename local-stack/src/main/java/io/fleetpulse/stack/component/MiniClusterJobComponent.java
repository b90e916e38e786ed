package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A FleetPulse Flink job in its own JVM's mini cluster (127.0.0.1), reading the stack's Kafka,
 * checkpointing to {@code work/stack/checkpoints/<name>} and resuming from there when started
 * again; ready once its main prints {@code READY <name>}. FeatureJob and LearnerJob differ only in
 * name, main class and what the console says.
 */
abstract class MiniClusterJobComponent implements StackComponent {

    private static final String HEAP = "1536m";

    private final String name;
    private final String main;
    private final String description;

    MiniClusterJobComponent(String name, String main, String description) {
        this.name = name;
        this.main = main;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ComponentState start(StackContext ctx) {
        ctx.forget(name);
        Path log = ctx.layout().logFile(name);
        long offset = Readiness.size(log);
        Path checkpoints = ctx.layout().checkpointsDir().resolve(name);
        ctx.out().printf("starting %s, checkpoints in %s ...%n", description, checkpoints);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--local",
                                "--fleet.kafka.bootstrap-servers",
                                ctx.bootstrap(),
                                "--fleet.checkpoint.dir",
                                checkpoints.toUri().toString()));
        args.addAll(ctx.config().jobOptions());
        Process p = ctx.launcher().start(name, HEAP, main, args);
        ComponentState c = ctx.record(name, p, main, "flink mini cluster", 0, 0, log);
        Readiness.awaitLogLine(name, p, log, offset, "READY " + name, ctx.config().startTimeout());
        return c;
    }
}
