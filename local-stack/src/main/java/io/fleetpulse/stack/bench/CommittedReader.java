package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from the beginning as a {@code read_committed} consumer would, on its own thread,
 * counting records and recording how long after a reference time each became readable.
 *
 * <p>The reference time is either decoded from every value, or — for a high-volume topic whose
 * writer sets each record's timestamp to that time, as FeatureJob's sinks do with the event time —
 * taken from the record timestamp: decoding 50,000 imputed events a second took a quarter of a
 * 2-core machine's CPU away from the job being measured. Then one record in {@link #CHECK_EVERY} is
 * still decoded and its reference time compared with the timestamp; {@link #mismatches()} counts
 * differences, and a benchmark must not report figures with any.
 */
final class CommittedReader<V> implements AutoCloseable {

    /** With timestamps as the reference, one record in this many is decoded and checked. */
    static final int CHECK_EVERY = 1_000;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Recorder latencyMs = new Recorder(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * @param referenceTime the time each record's latency is measured from (e.g. its event time),
     *     or null to only count
     * @param fromTimestamp take the reference time from the record timestamp (checking a sample
     *     against {@code referenceTime}) instead of decoding every value
     */
    CommittedReader(
            String bootstrap,
            TopicSpec<String, V> topic,
            ToLongFunction<V> referenceTime,
            boolean fromTimestamp) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Deserializer<V> values = topic.valueSerde().deserializer();
        thread =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> consumer =
                                    new KafkaConsumer<>(
                                            props,
                                            new ByteArrayDeserializer(),
                                            new ByteArrayDeserializer())) {
                                consumer.subscribe(List.of(topic.name()));
                                while (running.get()) {
                                    var records = consumer.poll(Duration.ofMillis(100));
                                    long now = System.currentTimeMillis();
                                    for (ConsumerRecord<byte[], byte[]> r : records) {
                                        if (referenceTime != null) {
                                            long reference =
                                                    reference(
                                                            r,
                                                            values,
                                                            referenceTime,
                                                            fromTimestamp);
                                            latencyMs.recordValue(Math.max(0, now - reference));
                                        }
                                        count.incrementAndGet();
                                    }
                                }
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        },
                        "bench-reader-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    private long reference(
            ConsumerRecord<byte[], byte[]> r,
            Deserializer<V> values,
            ToLongFunction<V> referenceTime,
            boolean fromTimestamp) {
        if (!fromTimestamp) {
            return referenceTime.applyAsLong(values.deserialize(r.topic(), r.value()));
        }
        if (count.get() % CHECK_EVERY == 0) {
            checked.incrementAndGet();
            if (referenceTime.applyAsLong(values.deserialize(r.topic(), r.value()))
                    != r.timestamp()) {
                mismatches.incrementAndGet();
            }
        }
        return r.timestamp();
    }

    long count() {
        return count.get();
    }

    /** Records decoded to check that their timestamp is their reference time. */
    long checked() {
        return checked.get();
    }

    /** Checked records whose timestamp was not their reference time. */
    long mismatches() {
        return mismatches.get();
    }

    /** The latencies recorded since the last call. */
    org.HdrHistogram.Histogram latencies() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("bench reader failed: " + e, e);
        }
        return latencyMs.getIntervalHistogram();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
