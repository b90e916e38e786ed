package io.fleetpulse.learner.job;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a snapshot to the compacted models topic, keyed by model name. */
public final class SnapshotSerializer implements KafkaRecordSerializationSchema<SnapshotRecord> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public SnapshotSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            SnapshotRecord s, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, null, timestamp, s.modelName.getBytes(StandardCharsets.UTF_8), s.bytes);
    }
}
