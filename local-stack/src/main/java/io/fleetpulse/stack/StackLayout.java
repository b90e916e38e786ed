package io.fleetpulse.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files, all under the project's work directory: state in {@code
 * stack/stack.json}, logs in {@code stack/logs/}, Kafka's data in {@code stack/kafka/}, and
 * temporary files in {@code tmp/}. The work directory comes from the system property {@code
 * fleet.work.dir} (set by the {@code fleet} script), else {@code ./work}.
 *
 * @param workDir absolute work directory
 */
public record StackLayout(Path workDir) {

    /** System property naming the work directory. */
    public static final String WORK_DIR_PROPERTY = "fleet.work.dir";

    public StackLayout {
        workDir = workDir.toAbsolutePath().normalize();
    }

    /** The layout for this JVM's work directory. */
    public static StackLayout fromSystemProperties() {
        return new StackLayout(Path.of(System.getProperty(WORK_DIR_PROPERTY, "work")));
    }

    public Path stackDir() {
        return workDir.resolve("stack");
    }

    public Path stateFile() {
        return stackDir().resolve("stack.json");
    }

    public Path logsDir() {
        return stackDir().resolve("logs");
    }

    /** The mini-cluster jobs' checkpoints, {@code checkpoints/<job>}. */
    public Path checkpointsDir() {
        return stackDir().resolve("checkpoints");
    }

    public Path kafkaDataDir() {
        return stackDir().resolve("kafka");
    }

    /** {@code java.io.tmpdir} of every process the stack starts. */
    public Path tmpDir() {
        return workDir.resolve("tmp");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }
}
