package io.fleetpulse.stack.flink;

import io.fleetpulse.stack.JvmLauncher;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackException;
import io.fleetpulse.stack.StackLayout;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A standalone Flink session cluster on 127.0.0.1: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}), each its own
 * JVM started from the Maven Central jars of {@link FlinkArtifacts#clusterClasspath()} with the
 * configuration of {@link FlinkClusterConfig}: what {@code start-cluster.sh} of a Flink
 * distribution does. Logs go to the stack's log directory; the caller records and stops the PIDs.
 */
public final class FlinkSessionCluster {

    public static final String JOBMANAGER = "flink-jobmanager";
    public static final String TASKMANAGER = "flink-taskmanager";
    public static final String JOBMANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    public static final String TASKMANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /** The two started JVMs and the REST client of the cluster. */
    public record Started(Process jobManager, Process taskManager, FlinkRest rest) {}

    private final StackLayout stack;
    private final FlinkClusterLayout layout;
    private final FlinkClusterSettings settings;
    private final JvmLauncher launcher;

    /**
     * @param stack the stack's layout (logs, temporary files)
     * @param settings ports and sizes
     * @param clusterClasspath the JVMs' classpath (see {@link FlinkArtifacts})
     */
    public FlinkSessionCluster(
            StackLayout stack, FlinkClusterSettings settings, String clusterClasspath) {
        this.stack = stack;
        this.layout = FlinkClusterLayout.under(stack.workDir());
        this.settings = settings;
        this.launcher = new JvmLauncher(stack, clusterClasspath);
    }

    public FlinkClusterLayout layout() {
        return layout;
    }

    public FlinkClusterSettings settings() {
        return settings;
    }

    /** The REST base URL on the configured port. */
    public String restUrl() {
        return "http://" + Ports.address(settings.restPort());
    }

    /**
     * Writes the configuration and starts the JobManager, then the TaskManager; {@code onStart}
     * gets each process ({@link #JOBMANAGER} or {@link #TASKMANAGER}) as soon as it exists, to
     * record it (so a failed start is still stopped). Waits until the REST API answers and the
     * TaskManager's slots are registered.
     *
     * @throws StackException if a port is taken or a JVM dies or is not ready within {@code
     *     timeout}
     */
    public Started start(Duration timeout, PrintStream out, BiConsumer<String, Process> onStart) {
        requireFree(settings.restPort(), "the Flink REST API");
        requireFree(settings.rpcPort(), "the Flink JobManager RPC");
        FlinkClusterConfig config = new FlinkClusterConfig(layout, settings);
        config.write();
        out.printf(
                "starting a Flink session cluster (JobManager + TaskManager JVMs), web UI %s,"
                        + " conf %s ...%n",
                restUrl(), layout.confDir());
        Process jm =
                launcher.start(
                        JOBMANAGER,
                        config.jobManagerJvmOptions(),
                        JOBMANAGER_MAIN,
                        config.jobManagerArgs());
        onStart.accept(JOBMANAGER, jm);
        FlinkRest rest = new FlinkRest(restUrl());
        Readiness.await(
                JOBMANAGER,
                jm,
                stack.logFile(JOBMANAGER),
                timeout,
                () -> {
                    try {
                        rest.overview();
                        return true;
                    } catch (FlinkRestException e) {
                        return false;
                    }
                });
        Process tm =
                launcher.start(
                        TASKMANAGER,
                        config.taskManagerJvmOptions(),
                        TASKMANAGER_MAIN,
                        config.taskManagerArgs());
        onStart.accept(TASKMANAGER, tm);
        Readiness.await(TASKMANAGER, tm, stack.logFile(TASKMANAGER), timeout, () -> rest.ready(1));
        if (!jm.isAlive()) {
            throw new StackException(
                    "the Flink JobManager exited; see " + stack.logFile(JOBMANAGER));
        }
        return new Started(jm, tm, rest);
    }

    private static void requireFree(int port, String what) {
        if (port != 0 && !Ports.isFree(port)) {
            throw new StackException(
                    "port " + port + " on " + Ports.HOST + " (for " + what + ") is in use");
        }
    }
}
