package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import io.fleetpulse.stack.StackException;
import io.fleetpulse.stack.flink.FlinkArtifacts;
import io.fleetpulse.stack.flink.FlinkClusterSettings;
import io.fleetpulse.stack.flink.FlinkRest;
import io.fleetpulse.stack.flink.FlinkSessionCluster;

/**
 * {@code fleet up --flink cluster}: a standalone Flink session cluster, its JobManager recorded
 * under this component's name and its TaskManager as {@value #TASKMANAGER}, both JVMs from the
 * Maven Central classpath the build resolved (module flink-cluster). The jobs come next, as job
 * jars through the REST API ({@link FlinkJobsComponent}).
 */
public final class FlinkClusterComponent implements StackComponent {

    public static final String NAME = "flink-cluster";
    public static final String TASKMANAGER = "flink-taskmanager";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        ctx.forget(NAME);
        ctx.forget(TASKMANAGER);
        FlinkSessionCluster cluster =
                new FlinkSessionCluster(
                        ctx.layout(),
                        FlinkClusterSettings.defaults(),
                        FlinkArtifacts.forWorkDir(ctx.layout().workDir()).clusterClasspath());
        FlinkClusterSettings s = cluster.settings();
        ComponentState[] jobManager = new ComponentState[1];
        cluster.start(
                ctx.config().startTimeout(),
                ctx.out(),
                (role, p) -> {
                    boolean jm = role.equals(FlinkSessionCluster.JOBMANAGER);
                    ComponentState c =
                            ctx.record(
                                    jm ? NAME : TASKMANAGER,
                                    p,
                                    jm
                                            ? FlinkSessionCluster.JOBMANAGER_MAIN
                                            : FlinkSessionCluster.TASKMANAGER_MAIN,
                                    jm ? cluster.restUrl() : "taskmanager of " + NAME,
                                    jm ? s.restPort() : 0,
                                    jm ? s.rpcPort() : 0,
                                    ctx.layout().logFile(role));
                    if (jm) {
                        jobManager[0] = c;
                    }
                });
        return jobManager[0];
    }

    @Override
    public void verifyRunning(ComponentState running, StackContext ctx) {
        if (ctx.running(TASKMANAGER).isEmpty() || !new FlinkRest(running.address()).ready(1)) {
            throw new StackException(
                    "the Flink cluster (JobManager pid "
                            + running.pid()
                            + ") has no live TaskManager; see "
                            + ctx.layout().logsDir()
                            + ", then ./fleet down and ./fleet up --flink cluster");
        }
    }
}
