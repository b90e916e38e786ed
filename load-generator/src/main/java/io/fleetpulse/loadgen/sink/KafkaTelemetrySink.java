package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Sends telemetry straight to Kafka: value in the {@link AvroWire} format (simulated messages
 * written by {@link MessageEncoder} straight from the simulator, records by {@link
 * TelemetryEncoder}), key = vehicle id, with the tuned producer of {@link ProducerSettings}.
 * Latency runs from the intended send time to the broker's acknowledgement. Thread-safe: sending
 * threads share the one producer (and so its batches and connection), each with its own encoder.
 */
public final class KafkaTelemetrySink implements TelemetrySink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final SendStats stats;

    /**
     * Reusing encoders: {@code send} copies the value into the producer's batch before it returns
     * and keeps only its length, so a thread's next message may overwrite the array.
     */
    private final ThreadLocal<Function<TelemetryMessage, byte[]>> messageEncoders =
            ThreadLocal.withInitial(() -> MessageEncoder.best(true));

    private final ThreadLocal<Function<TelemetryEvent, byte[]>> recordEncoders =
            ThreadLocal.withInitial(TelemetryEncoder::best);

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
        send(
                event.getVehicleId().getBytes(StandardCharsets.UTF_8),
                recordEncoders.get().apply(event),
                intendedNanos);
    }

    @Override
    public void send(TelemetryMessage message, long intendedNanos) {
        send(message.vehicleIdUtf8(), messageEncoders.get().apply(message), intendedNanos);
    }

    private void send(byte[] key, byte[] value, long intendedNanos) {
        producer.send(
                new ProducerRecord<>(topic, key, value),
                new Ack(stats, intendedNanos, value.length));
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    /** The topic's partition count, as the producer's metadata has it (waits for it). */
    public int partitions() {
        return producer.partitionsFor(topic).size();
    }

    /**
     * The partition the producer's default partitioner puts a key in, among {@code partitions}:
     * sending threads that own whole partitions keep each partition's order as one thread has it.
     */
    public static int partitionOf(byte[] key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key, partitions);
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
