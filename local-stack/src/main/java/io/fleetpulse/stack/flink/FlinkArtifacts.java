package io.fleetpulse.stack.flink;

import io.fleetpulse.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds what the build produced for the Flink session cluster in the project's directory: the
 * cluster's classpath ({@code flink-cluster/target/flink-cluster.classpath}) and the job jars
 * ({@code <module>/target/<module>-<version>-job.jar}) that are submitted to it, exactly as a user
 * submits them to their own cluster.
 *
 * @param projectDir the project's root directory (the {@code fleet} script's directory)
 */
public record FlinkArtifacts(Path projectDir) {

    /** System property naming the project directory; else the work directory's parent. */
    public static final String PROJECT_DIR_PROPERTY = "fleet.project.dir";

    /** The classifier of the job jars (root pom, maven-shade-plugin). */
    public static final String JOB_JAR_CLASSIFIER = "job";

    public static final String FEATURE_JOB_MODULE = "flink-jobs";
    public static final String LEARNER_JOB_MODULE = "online-learner";

    /** The project directory of this JVM: the property, else the parent of {@code workDir}. */
    public static FlinkArtifacts forWorkDir(Path workDir) {
        String dir = System.getProperty(PROJECT_DIR_PROPERTY);
        return new FlinkArtifacts(
                dir != null ? Path.of(dir) : workDir.toAbsolutePath().normalize().getParent());
    }

    /** The JobManager's and TaskManager's classpath, as the build resolved it. */
    public String clusterClasspath() {
        Path file =
                projectDir
                        .resolve("flink-cluster")
                        .resolve("target")
                        .resolve("flink-cluster.classpath");
        if (!Files.isRegularFile(file)) {
            throw new StackException(
                    "no Flink cluster classpath at "
                            + file
                            + "; build it: mvn -pl flink-cluster package (./fleet builds it)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** FeatureJob's job jar. */
    public Path featureJobJar() {
        return jobJar(FEATURE_JOB_MODULE);
    }

    /** LearnerJob's job jar. */
    public Path learnerJobJar() {
        return jobJar(LEARNER_JOB_MODULE);
    }

    /** {@code <module>/target/<module>-*-job.jar}: exactly one must exist. */
    public Path jobJar(String module) {
        Path target = projectDir.resolve(module).resolve("target");
        String suffix = "-" + JOB_JAR_CLASSIFIER + ".jar";
        List<Path> jars;
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            jars =
                    files.filter(
                                    p -> {
                                        String n = p.getFileName().toString();
                                        return n.startsWith(module + "-") && n.endsWith(suffix);
                                    })
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
        if (jars.size() != 1) {
            throw new StackException(
                    (jars.isEmpty() ? "no job jar" : "several job jars " + jars)
                            + " in "
                            + target
                            + "; build it: mvn -pl "
                            + module
                            + " -am package (./fleet builds it)");
        }
        return jars.get(0);
    }
}
