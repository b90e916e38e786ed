package io.fleetpulse.ingest.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads exactly the records a test step added to a topic: take {@link #mark()} before the step,
 * then {@link #readSince(Map)} after it reads from the mark up to the end offsets at that moment.
 * No group, no waiting for "enough" records: once a write was acknowledged, it is below the end
 * offset.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;

    public TopicReader(String bootstrap, String topic) {
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        this.topic = topic;
    }

    /** The current end offset of every partition. */
    public Map<TopicPartition, Long> mark() {
        Set<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    /** Every record between {@code mark} and the current end, partition by partition. */
    public List<ConsumerRecord<String, byte[]>> readSince(Map<TopicPartition, Long> mark) {
        Map<TopicPartition, Long> end = mark();
        consumer.assign(end.keySet());
        for (TopicPartition tp : end.keySet()) {
            consumer.seek(tp, mark.getOrDefault(tp, 0L));
        }
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        while (!reached(end)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
