package io.fleetpulse.flink.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends a {@link TopicRecord} as it is: to its own topic, with its key and value bytes. */
public final class TopicRecordSerializer implements KafkaRecordSerializationSchema<TopicRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            TopicRecord element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(element.topic, null, timestamp, element.key, element.value);
    }
}
