package io.fleetpulse.stack;

import java.time.Duration;
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
 */
public record StackConfig(
        int kafkaPort,
        int controllerPort,
        int gatewayPort,
        long retentionBytes,
        Set<String> skipped,
        Duration startTimeout) {

    /** Default ports of the contract. */
    public static final int KAFKA_PORT = 19092;

    public static final int CONTROLLER_PORT = 19093;
    public static final int GATEWAY_PORT = 18088;

    /** Per partition: the raw topic's 12 partitions then hold at most about 3 GiB. */
    public static final long RETENTION_BYTES = 256L * 1024 * 1024;

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

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
    }

    /** Whether the component called {@code name} is to run. */
    public boolean wants(String name) {
        return !skipped.contains(name);
    }
}
