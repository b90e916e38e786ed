package io.fleetpulse.serving.feed;

import io.fleetpulse.learner.servable.ModelFormatException;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.serving.models.ModelRegistry;
import io.fleetpulse.serving.models.OfferResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link ModelRegistry} from the compacted models topic: one thread reads every partition
 * from the beginning (read_committed, no consumer group), is {@link #caughtUp()} once it has
 * reached the end offsets seen at start, and then follows the topic, offering every snapshot as it
 * arrives. A record that is not a snapshot, or a snapshot that does not fit its model, is logged
 * and skipped; the feed never stops on bad data, and reconnects on its own when the broker goes.
 */
public final class ModelFeed implements AutoCloseable {

    /** How long one poll waits: bounds how late a new snapshot is served. */
    static final Duration POLL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(ModelFeed.class);

    /** What the feed tells about each record it could not serve and each registry change. */
    public interface Listener {
        void refused(String reason);

        void changed();
    }

    private final String topic;
    private final Properties consumerProps;
    private final ModelRegistry registry;
    private final Listener listener;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;

    public ModelFeed(String bootstrap, String topic, ModelRegistry registry, Listener listener) {
        this.topic = topic;
        this.registry = registry;
        this.listener = listener;
        this.consumerProps = ReaderProps.readCommitted(bootstrap, "model-serving-models");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.thread = new Thread(this::run, "model-feed");
        thread.setDaemon(true);
    }

    /** Starts reading; returns at once. */
    public ModelFeed start() {
        thread.start();
        return this;
    }

    /** Whether the topic has been read to the end offsets it had when the feed started. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #caughtUp()}; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        while (!closed) {
            try (KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(
                            consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (closed) {
                    return;
                }
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Models topic {} unreadable ({}); retrying in 1 s", topic, e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (yet)");
        }
        List<TopicPartition> parts =
                infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
        while (!closed) {
            for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                take(r);
            }
            if (caughtUp.getCount() > 0) {
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (end.isEmpty()) {
                    LOG.info(
                            "Models topic {} read to its end: {}",
                            topic,
                            registry.current().models().keySet());
                    caughtUp.countDown();
                }
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // a tombstone: nothing to serve, nothing to forget (versions never go back)
        }
        ModelSnapshot s;
        try {
            s = ModelSnapshot.fromBytes(r.value());
            ServableModel.of(s);
        } catch (ModelFormatException | IllegalArgumentException e) {
            LOG.warn(
                    "Skipping record at {}-{}@{} (key {}): {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key(),
                    e.getMessage());
            listener.refused(e instanceof ModelFormatException ? "UNREADABLE" : "UNFIT");
            return;
        }
        OfferResult result = registry.offer(s);
        if (result.accepted()) {
            LOG.info("Serving {} v{} (newest)", s.modelName(), s.version());
            listener.changed();
        } else {
            LOG.debug("{} v{}: {}", s.modelName(), s.version(), result.reason());
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(10_000);
    }
}
