package io.fleetpulse.flink.kafka;

import io.fleetpulse.ingest.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to one registry topic, keyed by a string taken from the record (the vehicle id),
 * with the topic's own value serde (Avro single-object encoding).
 */
public class AvroRecordSerializer<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {

    private final String topic;
    private final Class<T> type;
    private final SerializableKey<T> key;
    private transient Function<T, byte[]> values;

    /** A key extractor that Flink can ship to the task managers. */
    public interface SerializableKey<T> extends Function<T, String>, java.io.Serializable {}

    public AvroRecordSerializer(TopicSpec<String, T> spec, Class<T> type, SerializableKey<T> key) {
        this.topic = spec.name();
        this.type = type;
        this.key = key;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        values = AvroValues.encoder(type, topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                values.apply(element));
    }
}
