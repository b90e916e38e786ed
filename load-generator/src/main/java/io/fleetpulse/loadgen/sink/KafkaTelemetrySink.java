package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.report.SendStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends telemetry straight to Kafka: value in the {@link AvroWire} format (written by {@link
 * TelemetryEncoder} when it knows the schema), key = vehicle id, with the tuned producer of {@link
 * ProducerSettings}. Latency runs from the intended send time to the broker's acknowledgement. Not
 * thread-safe (one sending thread).
 */
public final class KafkaTelemetrySink implements TelemetrySink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final SendStats stats;
    private final Function<TelemetryEvent, byte[]> encoder = TelemetryEncoder.best();
    private final Map<String, byte[]> keys = new HashMap<>();

    public KafkaTelemetrySink(ProducerSettings settings, String topic, SendStats stats) {
        this(new KafkaProducer<>(settings.toProperties("fleet-simulator")), topic, stats);
    }

    KafkaTelemetrySink(Producer<byte[], byte[]> producer, String topic, SendStats stats) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
    }

    @Override
    public void send(TelemetryEvent event, long intendedNanos) {
        byte[] key =
                keys.computeIfAbsent(
                        event.getVehicleId(), id -> id.getBytes(StandardCharsets.UTF_8));
        byte[] value = encoder.apply(event);
        producer.send(
                new ProducerRecord<>(topic, key, value),
                new Ack(stats, intendedNanos, value.length));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** Records one acknowledgement; one small object per record, as Kafka's own perf tool has. */
    private record Ack(SendStats stats, long intendedNanos, int bytes) implements Callback {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                stats.acked(bytes, System.nanoTime() - intendedNanos);
            } else {
                stats.failed(1, exception.toString());
            }
        }
    }
}
