package io.fleetpulse.stack;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code fleet up} starts and where.
 *
 * @param kafkaPort Kafka client port
 * @param controllerPort Kafka KRaft controller port
 * @param gatewayPort ingest gateway HTTP port
 * @param retentionBytes {@code retention.bytes} per partition for every non-compacted topic
 * @param skipped names of components not to start ({@code --no-gateway}, ...)
 * @param startTimeout how long one component may take to become ready
 * @param checkpointInterval the Flink jobs' checkpoint interval ({@code fleet.checkpoint.interval}:
 *     exactly-once output becomes readable when a checkpoint completes); {@code null} leaves each
 *     job's default (5 s)
 */
public record StackConfig(
        int kafkaPort,
        int controllerPort,
        int gatewayPort,
        long retentionBytes,
        Set<String> skipped,
        Duration startTimeout,
        Duration checkpointInterval) {

    /** Default ports of the contract. */
    public static final int KAFKA_PORT = 19092;

    public static final int CONTROLLER_PORT = 19093;
    public static final int GATEWAY_PORT = 18088;

    /** Per partition: the raw topic's 12 partitions then hold at most about 3 GiB. */
    public static final long RETENTION_BYTES = 256L * 1024 * 1024;

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** The option FeatureJob and LearnerJob both read their checkpoint interval from. */
    public static final String CHECKPOINT_INTERVAL_OPTION = "--fleet.checkpoint.interval";

    public StackConfig {
        skipped = Set.copyOf(skipped);
        boolean withGateway = !skipped.contains("gateway");
        for (int p : new int[] {kafkaPort, controllerPort, gatewayPort}) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("ports must be 1..65535, not " + p);
            }
        }
        if (kafkaPort == controllerPort
                || (withGateway && gatewayPort == kafkaPort)
                || (withGateway && gatewayPort == controllerPort)) {
            throw new IllegalArgumentException(
                    "Kafka, controller and gateway need three different ports");
        }
        if (retentionBytes < 1024 * 1024) {
            throw new IllegalArgumentException("retention must be at least 1 MiB per partition");
        }
        if (checkpointInterval != null && checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException(
                    "the checkpoint interval must be at least 10 ms, not " + checkpointInterval);
        }
    }

    /** A configuration that leaves the jobs' checkpoint interval at their default. */
    public StackConfig(
            int kafkaPort,
            int controllerPort,
            int gatewayPort,
            long retentionBytes,
            Set<String> skipped,
            Duration startTimeout) {
        this(kafkaPort, controllerPort, gatewayPort, retentionBytes, skipped, startTimeout, null);
    }

    /**
     * The {@code --fleet.<option> VALUE} program arguments every Flink job of the stack gets on top
     * of its Kafka and checkpoint directory: empty unless a checkpoint interval was asked for.
     */
    public List<String> jobOptions() {
        return checkpointInterval == null
                ? List.of()
                : List.of(CHECKPOINT_INTERVAL_OPTION, checkpointInterval.toMillis() + " ms");
    }

    /** Whether the component called {@code name} is to run. */
    public boolean wants(String name) {
        return !skipped.contains(name);
    }
}
