package io.fleetpulse.ingest.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic as FleetPulse declares it: name, partitions, topic-level configuration (retention
 * or compaction) and the serdes of its keys and values.
 *
 * @param name full topic name (including any test prefix)
 * @param partitions partition count
 * @param configs topic-level configuration, e.g. {@code cleanup.policy}, {@code retention.ms}
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param description what flows through the topic and who writes/reads it
 */
public record TopicSpec<K, V>(
        String name,
        int partitions,
        Map<String, String> configs,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        String description) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** Whether the topic keeps only the latest record per key. */
    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
