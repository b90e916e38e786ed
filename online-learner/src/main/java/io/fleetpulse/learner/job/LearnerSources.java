package io.fleetpulse.learner.job;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.topics.Topics;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * LearnerJob's two inputs: the feature vectors to learn from and score (committed offsets, else the
 * earliest), and the models topic read back from its beginning so that even a start without a
 * checkpoint adopts the newest published versions. Both read committed records only.
 *
 * @param features FeatureJob's output
 * @param models averaged snapshots, this job's own output
 */
public record LearnerSources(
        Source<FeatureVector, ?, ?> features, Source<SnapshotRecord, ?, ?> models) {

    public static LearnerSources kafka(Topics topics, ReadableConfig config) {
        String bootstrap = config.get(LearnerOptions.BOOTSTRAP_SERVERS);
        String group = config.get(LearnerOptions.GROUP_ID);
        KafkaSource<FeatureVector> features =
                KafkaSource.<FeatureVector>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topics.features().name())
                        .setGroupId(group + "-features")
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new FeatureVectorDeserializer())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .build();
        KafkaSource<SnapshotRecord> models =
                KafkaSource.<SnapshotRecord>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topics.models().name())
                        .setGroupId(group + "-models")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new SnapshotDeserializer())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty(
                                "max.partition.fetch.bytes", Integer.toString(16 * 1024 * 1024))
                        .build();
        return new LearnerSources(features, models);
    }
}
