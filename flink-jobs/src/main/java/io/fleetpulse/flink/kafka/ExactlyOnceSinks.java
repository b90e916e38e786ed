package io.fleetpulse.flink.kafka;

import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.ingest.topics.TopicSpec;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Builds FeatureJob's transactional Kafka sinks: exactly-once delivery, a transactional id prefix
 * that is stable across restarts (configured prefix + the sink's role), and a transaction timeout
 * far above the checkpoint interval.
 */
public final class ExactlyOnceSinks {

    private ExactlyOnceSinks() {}

    /** A sink of Avro records to one topic, keyed by {@code key}. */
    public static <T extends SpecificRecord> KafkaSink<T> to(
            TopicSpec<String, T> topic,
            Class<T> type,
            AvroRecordSerializer.SerializableKey<T> key,
            String role,
            ReadableConfig config) {
        return build(new AvroRecordSerializer<>(topic, type, key), role, config);
    }

    /**
     * A sink of records serialised upstream, each to its own topic, all in one transaction per
     * checkpoint: per checkpoint the writer's thread waits once for a flush, a commit and the next
     * transaction's {@code initTransactions}, not once per topic.
     */
    public static KafkaSink<TopicRecord> ofTopicRecords(String role, ReadableConfig config) {
        return build(new TopicRecordSerializer(), role, config);
    }

    private static <T> KafkaSink<T> build(
            KafkaRecordSerializationSchema<T> serializer, String role, ReadableConfig config) {
        Properties producer = new Properties();
        producer.setProperty(
                "transaction.timeout.ms",
                Long.toString(config.get(FeatureJobOptions.TRANSACTION_TIMEOUT).toMillis()));
        producer.setProperty("compression.type", "lz4");
        // Exactly-once output becomes readable when the checkpoint commits, and the sink flushes
        // before it does, so lingering up to 50 ms costs no visible latency; at 5 ms a batch held
        // a few records and each allocated lz4's 64 KiB block buffers (6 % of the job's thread).
        producer.setProperty("linger.ms", "50");
        producer.setProperty("batch.size", Integer.toString(256 * 1024));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(FeatureJobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        config.get(FeatureJobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + role)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
