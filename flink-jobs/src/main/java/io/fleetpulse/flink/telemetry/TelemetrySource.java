package io.fleetpulse.flink.telemetry;

import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.ingest.topics.Topics;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The raw-telemetry Kafka source: reads committed records only, starts from the group's committed
 * offsets (earliest for a new group) and never fails on bad bytes ({@link
 * RawTelemetryDeserializer}).
 */
public final class TelemetrySource {

    private TelemetrySource() {}

    public static KafkaSource<RawTelemetry> kafka(Topics topics, ReadableConfig config) {
        return KafkaSource.<RawTelemetry>builder()
                .setBootstrapServers(config.get(FeatureJobOptions.BOOTSTRAP_SERVERS))
                .setTopics(topics.raw().name())
                .setGroupId(config.get(FeatureJobOptions.GROUP_ID))
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawTelemetryDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
