package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to one topic, as a {@code read_committed} consumer sees it: read from the
 * beginning, and on each {@link #catchUp()} on to the partitions' last stable offsets (records of
 * open transactions stay unread until they commit; aborted ones are never read).
 */
final class CommittedTopic<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Function<byte[], V> decode;
    private final List<V> values = new ArrayList<>();

    CommittedTopic(String bootstrap, TopicSpec<String, V> topic) {
        this(
                bootstrap,
                topic.name(),
                bytes -> topic.valueSerde().deserializer().deserialize(topic.name(), bytes));
    }

    CommittedTopic(String bootstrap, String topic, Function<byte[], V> decode) {
        this.decode = decode;
        consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                5_000),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads on to the current last stable offsets; returns every value read so far. */
    List<V> catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // LSOs: read_committed
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " up to " + end);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                values.add(decode.apply(r.value()));
            }
        }
        return List.copyOf(values);
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
