package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import java.nio.file.Path;
import java.util.List;

/**
 * FeatureJob in its own JVM's Flink mini cluster (127.0.0.1), checkpointing to the work directory
 * and resuming from its last checkpoint when started again.
 */
public final class FeatureJobComponent implements StackComponent {

    public static final String NAME = "feature-job";
    public static final String MAIN = "io.fleetpulse.flink.FeatureJobMain";
    private static final String HEAP = "1536m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        ctx.forget(NAME);
        Path log = ctx.layout().logFile(NAME);
        long offset = Readiness.size(log);
        Path checkpoints = ctx.dataDir("checkpoints", NAME);
        ctx.out()
                .printf(
                        "starting FeatureJob (Flink mini cluster), checkpoints in %s ...%n",
                        checkpoints);
        Process p =
                ctx.launcher()
                        .start(
                                NAME,
                                HEAP,
                                MAIN,
                                List.of(
                                        "--local",
                                        "--fleet.kafka.bootstrap-servers",
                                        ctx.bootstrap(),
                                        "--fleet.checkpoint.dir",
                                        checkpoints.toUri().toString()));
        ComponentState c = ctx.record(NAME, p, MAIN, "flink mini cluster", 0, 0, log);
        Readiness.awaitLogLine(
                NAME, p, log, offset, "READY feature-job", ctx.config().startTimeout());
        return c;
    }
}
