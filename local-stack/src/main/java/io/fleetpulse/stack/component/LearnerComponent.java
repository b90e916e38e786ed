package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import java.nio.file.Path;
import java.util.List;

/**
 * LearnerJob (online-learner) in its own JVM's Flink mini cluster (127.0.0.1): it trains on the
 * features FeatureJob writes and publishes alerts and model snapshots, checkpointing to the work
 * directory and resuming with the models it had when started again. Not essential: ingest and
 * features keep running if it cannot start (e.g. DJL's native library cannot be unpacked).
 */
public final class LearnerComponent implements StackComponent {

    public static final String NAME = "learner-job";
    public static final String MAIN = "io.fleetpulse.learner.job.LearnerJobMain";
    private static final String HEAP = "1536m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        ctx.forget(NAME);
        Path log = ctx.layout().logFile(NAME);
        long offset = Readiness.size(log);
        Path checkpoints = ctx.dataDir("checkpoints", NAME);
        ctx.out()
                .printf(
                        "starting LearnerJob (Flink mini cluster, DJL), checkpoints in %s ...%n",
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
                NAME, p, log, offset, "READY learner-job", ctx.config().startTimeout());
        return c;
    }
}
