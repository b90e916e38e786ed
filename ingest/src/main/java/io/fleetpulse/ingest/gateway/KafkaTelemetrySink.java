package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's {@link TelemetrySink} on Kafka: one idempotent producer ({@code acks=all}) shared
 * by all request threads, values encoded with the serdes the {@link Topics} registry declares for
 * the raw and dead-letter topics. Record timestamps are the time of receipt; the event time is in
 * the payload.
 */
public final class KafkaTelemetrySink implements TelemetrySink {

    /** How long a batch may wait for the producer to fill before it is sent. */
    private static final int LINGER_MS = 5;

    private static final int BATCH_BYTES = 128 * 1024;

    private final Producer<String, byte[]> producer;
    private final String bootstrap;
    private final TopicSpec<String, TelemetryEvent> raw;
    private final TopicSpec<String, DeadLetter> deadLetters;
    private final Serializer<TelemetryEvent> rawValues;
    private final Serializer<DeadLetter> deadLetterValues;
    private final Duration closeTimeout;

    /**
     * @param bootstrap Kafka bootstrap servers
     * @param topics the topic set to write to
     * @param deliveryTimeout how long a write may take, retries included, before it fails (and the
     *     request gets 503)
     */
    public KafkaTelemetrySink(String bootstrap, Topics topics, Duration deliveryTimeout) {
        this.producer = new KafkaProducer<>(producerConfig(bootstrap, deliveryTimeout));
        this.bootstrap = bootstrap;
        this.raw = topics.raw();
        this.deadLetters = topics.deadLetters();
        this.rawValues = raw.valueSerde().serializer();
        this.deadLetterValues = deadLetters.valueSerde().serializer();
        this.closeTimeout = deliveryTimeout;
    }

    /** Producer settings: idempotent, acks=all, lz4, bounded waits derived from the timeout. */
    static Map<String, Object> producerConfig(String bootstrap, Duration deliveryTimeout) {
        long delivery = deliveryTimeout.toMillis();
        long request = Math.max(1_000, delivery / 2);
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "fleet-gateway");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        c.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(delivery, request + LINGER_MS));
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }

    @Override
    public CompletableFuture<Void> send(TelemetryEvent event) {
        byte[] value = rawValues.serialize(raw.name(), event);
        return write(new ProducerRecord<>(raw.name(), event.getVehicleId(), value));
    }

    @Override
    public CompletableFuture<Void> sendDeadLetter(DeadLetter letter) {
        byte[] value = deadLetterValues.serialize(deadLetters.name(), letter);
        return write(new ProducerRecord<>(deadLetters.name(), letter.getVehicleId(), value));
    }

    private CompletableFuture<Void> write(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public String describe() {
        return "Kafka "
                + bootstrap
                + " (valid -> "
                + raw.name()
                + ", rejected -> "
                + deadLetters.name()
                + ")";
    }

    @Override
    public void close() {
        // close() sends what is buffered and waits for it, up to the delivery timeout.
        producer.close(closeTimeout);
    }
}
