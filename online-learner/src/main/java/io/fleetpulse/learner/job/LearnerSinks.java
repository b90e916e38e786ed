package io.fleetpulse.learner.job;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.flink.kafka.AvroRecordSerializer;
import io.fleetpulse.ingest.topics.Topics;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * LearnerJob's two outputs. Production uses {@link #kafka}: exactly-once transactional sinks to the
 * alerts topic (key: vehicle) and the compacted models topic (key: model name); tests may hand in
 * other sinks.
 *
 * @param alerts OPEN and CLEARED alerts
 * @param models averaged, versioned model snapshots
 */
public record LearnerSinks(Sink<Alert> alerts, Sink<SnapshotRecord> models) {

    public static LearnerSinks kafka(Topics topics, ReadableConfig config) {
        return new LearnerSinks(
                exactlyOnce(
                        new AvroRecordSerializer<>(
                                topics.alerts(), Alert.class, Alert::getVehicleId),
                        "alerts",
                        config),
                exactlyOnce(new SnapshotSerializer(topics.models().name()), "models", config));
    }

    private static <T> KafkaSink<T> exactlyOnce(
            KafkaRecordSerializationSchema<T> serializer, String role, ReadableConfig config) {
        Properties producer = new Properties();
        producer.setProperty(
                "transaction.timeout.ms",
                Long.toString(config.get(LearnerOptions.TRANSACTION_TIMEOUT).toMillis()));
        producer.setProperty("compression.type", "lz4");
        producer.setProperty("linger.ms", "5");
        producer.setProperty("max.request.size", Integer.toString(16 * 1024 * 1024));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(LearnerOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        config.get(LearnerOptions.TRANSACTIONAL_ID_PREFIX) + "-" + role)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
