package io.fleetpulse.stack;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.stack.component.FeatureJobComponent;
import io.fleetpulse.stack.component.FlinkClusterComponent;
import io.fleetpulse.stack.component.FlinkJobsComponent;
import io.fleetpulse.stack.component.GatewayComponent;
import io.fleetpulse.stack.component.LearnerComponent;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.component.ServingComponent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of {@code fleet up} that {@code fleet demo} shares: ports and retention. */
public final class StackOptions {

    /** {@code --flink mini}: the default, FeatureJob in a mini cluster of its own JVM. */
    public static final String FLINK_MINI = "mini";

    /** {@code --flink cluster}: a standalone Flink session cluster running the job jars. */
    public static final String FLINK_CLUSTER = "cluster";

    @Option(
            names = "--kafka-port",
            defaultValue = "" + StackConfig.KAFKA_PORT,
            description = "Kafka client port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--controller-port",
            defaultValue = "" + StackConfig.CONTROLLER_PORT,
            description = "Kafka KRaft controller port (default ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(
            names = "--gateway-port",
            defaultValue = "" + StackConfig.GATEWAY_PORT,
            description = "Ingest gateway HTTP port (default ${DEFAULT-VALUE})")
    int gatewayPort;

    @Option(
            names = "--retention-bytes",
            defaultValue = "256MiB",
            paramLabel = "SIZE",
            description =
                    "retention.bytes per partition of every non-compacted topic, e.g. 64MiB,"
                            + " 1GiB (default ${DEFAULT-VALUE})")
    String retention;

    @Option(names = "--no-feature-job", description = "Do not start FeatureJob")
    boolean noFeatureJob;

    @Option(names = "--no-pinot", description = "Do not start Pinot (the analyst tables)")
    boolean noPinot;

    @Option(
            names = "--flink",
            defaultValue = FLINK_MINI,
            paramLabel = "MODE",
            description =
                    "Where the Flink jobs run: "
                            + FLINK_MINI
                            + " (FeatureJob in its own JVM's mini cluster) or "
                            + FLINK_CLUSTER
                            + " (a standalone session cluster, JobManager and TaskManager JVMs,"
                            + " running the job jars; web UI on 127.0.0.1:18081) (default"
                            + " ${DEFAULT-VALUE})")
    String flink;

    @Option(names = "--no-gateway", description = "Start Kafka only, not the ingest gateway")
    boolean noGateway;

    @Option(names = "--no-model-serving", description = "Do not start model-serving (port 18080)")
    boolean noServing;

    @Option(names = "--no-learner", description = "Do not start LearnerJob (models and alerts)")
    boolean noLearner;

    @Option(
            names = "--checkpoint-interval",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Checkpoint interval of the Flink jobs this command starts, e.g. 200ms:"
                            + " exactly-once output is readable when a checkpoint completes, so"
                            + " this bounds the latency (default: the jobs' own, 5s)")
    Duration checkpointInterval;

    /**
     * The configuration these options describe.
     *
     * @throws IllegalArgumentException for invalid values
     */
    public StackConfig toConfig() {
        return new StackConfig(
                kafkaPort,
                controllerPort,
                gatewayPort,
                ByteSize.parse(retention),
                skipped(),
                StackConfig.START_TIMEOUT,
                checkpointInterval);
    }

    /** The components the {@code --no-...} switches leave out. */
    Set<String> skipped() {
        Set<String> skipped = new HashSet<>();
        if (noGateway) {
            skipped.add(GatewayComponent.NAME);
        }
        if (noFeatureJob) {
            skipped.add(FeatureJobComponent.NAME);
            skipped.add(FlinkJobsComponent.NAME);
        }
        switch (flink == null ? FLINK_MINI : flink) {
            case FLINK_MINI -> {
                skipped.add(FlinkClusterComponent.NAME);
                skipped.add(FlinkJobsComponent.NAME);
            }
            case FLINK_CLUSTER -> {
                // The session cluster runs both jobs from their jars (FlinkJobsComponent).
                skipped.add(FeatureJobComponent.NAME);
                skipped.add(LearnerComponent.NAME);
            }
            default ->
                    throw new IllegalArgumentException(
                            "--flink must be "
                                    + FLINK_MINI
                                    + " or "
                                    + FLINK_CLUSTER
                                    + ", not "
                                    + flink);
        }
        if (noServing) {
            skipped.add(ServingComponent.NAME);
        }
        if (noPinot) {
            skipped.add(PinotComponent.NAME);
        }
        if (noLearner) {
            skipped.add(LearnerComponent.NAME);
        }
        return skipped;
    }
}
