package io.fleetpulse.stack.flink;

import java.nio.file.Path;

/**
 * Where the standalone Flink session cluster of the local stack keeps its files, all under {@code
 * <work>/stack/flink/}: its configuration ({@code conf/config.yaml}), temporary files, uploaded job
 * jars, checkpoints, savepoints per job, and the record of the jobs it runs ({@code jobs.json}).
 *
 * @param root the cluster's directory
 */
public record FlinkClusterLayout(Path root) {

    public FlinkClusterLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The cluster's layout inside a stack's work directory. */
    public static FlinkClusterLayout under(Path workDir) {
        return new FlinkClusterLayout(workDir.resolve("stack").resolve("flink"));
    }

    /** Everything the session cluster keeps: config, checkpoints, savepoints, the job record. */
    public Path root() {
        return root;
    }

    public Path confDir() {
        return root.resolve("conf");
    }

    public Path configFile() {
        return confDir().resolve("config.yaml");
    }

    public Path log4jFile() {
        return confDir().resolve("log4j-console.properties");
    }

    /** {@code io.tmp.dirs} and the JVMs' {@code java.io.tmpdir}. */
    public Path tmpDir() {
        return root.resolve("tmp");
    }

    /** Where the REST API keeps uploaded jars ({@code web.upload.dir}). */
    public Path uploadDir() {
        return root.resolve("web-upload");
    }

    /** {@code execution.checkpointing.dir}: {@code <dir>/<job id>/chk-N}. */
    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    /** Savepoints taken when {@code fleet down} stops {@code job}. */
    public Path savepointsDir(String job) {
        return root.resolve("savepoints").resolve(job);
    }

    /** The jobs submitted to the cluster: name, job id, jar id. */
    public Path jobsFile() {
        return root.resolve("jobs.json");
    }
}
