package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import io.fleetpulse.stack.StackException;
import io.fleetpulse.stack.flink.FlinkArtifacts;
import io.fleetpulse.stack.flink.FlinkJobsSupervisor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FeatureJob and LearnerJob on the {@link FlinkClusterComponent session cluster}: a small JVM
 * ({@link FlinkJobsSupervisor}) submits their job jars through the REST API and, when {@code fleet
 * down} stops it (before the cluster: newest first), stops them with savepoints the next {@code up}
 * resumes from.
 */
public final class FlinkJobsComponent implements StackComponent {

    public static final String NAME = "flink-jobs";
    private static final String HEAP = "256m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        ctx.forget(NAME);
        ComponentState cluster =
                ctx.running(FlinkClusterComponent.NAME)
                        .orElseThrow(
                                () ->
                                        new StackException(
                                                "no Flink session cluster runs: start it with"
                                                        + " ./fleet up --flink cluster"));
        Path log = ctx.layout().logFile(NAME);
        long offset = Readiness.size(log);
        Process p =
                ctx.launcher()
                        .start(NAME, HEAP, FlinkJobsSupervisor.MAIN, supervisorArgs(ctx, cluster));
        ComponentState c =
                ctx.record(NAME, p, FlinkJobsSupervisor.MAIN, cluster.address(), 0, 0, log);
        Readiness.awaitLogLine(
                NAME, p, log, offset, FlinkJobsSupervisor.READY, ctx.config().startTimeout());
        return c;
    }

    /** The supervisor's own options, then the job options it passes on to both jobs. */
    private static List<String> supervisorArgs(StackContext ctx, ComponentState cluster) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                FlinkJobsSupervisor.REST_OPTION,
                                cluster.address(),
                                FlinkJobsSupervisor.BOOTSTRAP_OPTION,
                                ctx.bootstrap(),
                                FlinkJobsSupervisor.PROJECT_DIR_OPTION,
                                FlinkArtifacts.forWorkDir(ctx.layout().workDir())
                                        .projectDir()
                                        .toString()));
        args.addAll(ctx.config().jobOptions());
        return args;
    }
}
