package io.fleetpulse.stack.flink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A FleetPulse job as submitted to a Flink cluster: its job jar, entry class and program arguments
 * (the job's {@code --<option> VALUE} pairs; no {@code --local}, so the job runs on the cluster).
 *
 * @param name the stack's name for it, e.g. {@code feature-job}
 * @param entryClass the job's main class
 * @param jar the job jar ({@code <module>-<version>-job.jar})
 * @param args program arguments
 */
public record ClusterJob(String name, String entryClass, Path jar, List<String> args) {

    public static final String FEATURE_JOB = "feature-job";
    public static final String FEATURE_JOB_MAIN = "io.fleetpulse.flink.FeatureJobMain";
    public static final String LEARNER_JOB = "learner-job";
    public static final String LEARNER_JOB_MAIN = "io.fleetpulse.learner.job.LearnerJobMain";

    /** The Kafka option every FleetPulse job declares. */
    private static final String BOOTSTRAP_OPTION = "--fleet.kafka.bootstrap-servers";

    public ClusterJob {
        args = List.copyOf(args);
    }

    /** FeatureJob reading and writing the Kafka at {@code bootstrap}, plus {@code more} options. */
    public static ClusterJob featureJob(
            FlinkArtifacts artifacts, String bootstrap, String... more) {
        return new ClusterJob(
                FEATURE_JOB, FEATURE_JOB_MAIN, artifacts.featureJobJar(), args(bootstrap, more));
    }

    /** LearnerJob reading and writing the Kafka at {@code bootstrap}, plus {@code more} options. */
    public static ClusterJob learnerJob(
            FlinkArtifacts artifacts, String bootstrap, String... more) {
        return new ClusterJob(
                LEARNER_JOB, LEARNER_JOB_MAIN, artifacts.learnerJobJar(), args(bootstrap, more));
    }

    private static List<String> args(String bootstrap, String... more) {
        List<String> a = new ArrayList<>(List.of(BOOTSTRAP_OPTION, bootstrap));
        a.addAll(List.of(more));
        return a;
    }
}
