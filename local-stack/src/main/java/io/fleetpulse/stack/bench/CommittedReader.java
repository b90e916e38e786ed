package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a topic from the beginning as a {@code read_committed} consumer would, on its own thread,
 * counting records and recording how long after a reference time each became readable.
 */
final class CommittedReader<V> implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final Recorder latencyMs = new Recorder(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * @param referenceTime the time each record's latency is measured from (e.g. its event time),
     *     or null to only count
     */
    CommittedReader(String bootstrap, TopicSpec<String, V> topic, ToLongFunction<V> referenceTime) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        thread =
                new Thread(
                        () -> {
                            try (KafkaConsumer<String, V> consumer =
                                    new KafkaConsumer<>(
                                            props,
                                            topic.keySerde().deserializer(),
                                            topic.valueSerde().deserializer())) {
                                consumer.subscribe(List.of(topic.name()));
                                while (running.get()) {
                                    var records = consumer.poll(Duration.ofMillis(100));
                                    long now = System.currentTimeMillis();
                                    for (ConsumerRecord<String, V> r : records) {
                                        if (referenceTime != null) {
                                            latencyMs.recordValue(
                                                    Math.max(
                                                            0,
                                                            now
                                                                    - referenceTime.applyAsLong(
                                                                            r.value())));
                                        }
                                    }
                                    count.addAndGet(records.count());
                                }
                            }
                        },
                        "bench-reader-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    long count() {
        return count.get();
    }

    /** The latencies recorded since the last call. */
    org.HdrHistogram.Histogram latencies() {
        return latencyMs.getIntervalHistogram();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
