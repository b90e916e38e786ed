package io.fleetpulse.ingest.replay;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link ReplaySink} writing to Kafka with one idempotent {@code acks=all} producer: events to
 * the raw topic, dead letters to the dead-letter topic, each in its topic's declared serde.
 */
public final class KafkaReplaySink implements ReplaySink {

    private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(3);

    private final KafkaProducer<String, byte[]> producer;
    private final String rawTopic;
    private final String deadLetterTopic;
    private final Serializer<TelemetryEvent> eventSerializer;
    private final Serializer<DeadLetter> deadLetterSerializer;
    private final AtomicLong eventsAcked = new AtomicLong();
    private final AtomicLong deadLettersAcked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private KafkaReplaySink(String bootstrap, Topics topics) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fleet-replay");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        rawTopic = topics.raw().name();
        deadLetterTopic = topics.deadLetters().name();
        eventSerializer = topics.raw().valueSerde().serializer();
        deadLetterSerializer = topics.deadLetters().valueSerde().serializer();
    }

    /**
     * Checks that the broker answers and both topics exist, then opens the producer.
     *
     * @throws IllegalStateException with a message for the user when the broker cannot be reached
     *     or a topic is missing
     */
    public static KafkaReplaySink connect(String bootstrap, Topics topics) {
        Map<String, Object> conf =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) PREFLIGHT_TIMEOUT.toMillis(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) PREFLIGHT_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(conf)) {
            List<String> needed = List.of(topics.raw().name(), topics.deadLetters().name());
            long deadline = System.nanoTime() + NEW_TOPIC_GRACE.toNanos();
            while (true) {
                Set<String> existing =
                        admin.listTopics()
                                .names()
                                .get(PREFLIGHT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                List<String> missing = needed.stream().filter(t -> !existing.contains(t)).toList();
                if (missing.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "topic "
                                    + missing.get(0)
                                    + " does not exist on "
                                    + bootstrap
                                    + " (run ./fleet up, which provisions the topics)");
                }
                // A topic created a moment ago may not be in the broker's metadata cache yet.
                Thread.sleep(200);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + bootstrap
                            + " within "
                            + PREFLIGHT_TIMEOUT.toSeconds()
                            + " s (is the stack up? ./fleet up)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka", e);
        }
        return new KafkaReplaySink(bootstrap, topics);
    }

    @Override
    public void send(TelemetryEvent event) {
        byte[] value = eventSerializer.serialize(rawTopic, event);
        producer.send(
                new ProducerRecord<>(rawTopic, event.getVehicleId(), value), callback(eventsAcked));
    }

    @Override
    public void deadLetter(String key, DeadLetter deadLetter) {
        byte[] value = deadLetterSerializer.serialize(deadLetterTopic, deadLetter);
        producer.send(
                new ProducerRecord<>(deadLetterTopic, key, value), callback(deadLettersAcked));
    }

    private Callback callback(AtomicLong acked) {
        return (metadata, exception) -> {
            if (exception == null) {
                acked.incrementAndGet();
            } else {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, exception.toString());
            }
        };
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long eventsAcked() {
        return eventsAcked.get();
    }

    @Override
    public long deadLettersAcked() {
        return deadLettersAcked.get();
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public String firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
