package io.fleetpulse.flink.job;

import io.fleetpulse.ingest.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a whole registry topic as a read_committed consumer would see it. */
final class TopicReader {

    private TopicReader() {}

    /**
     * Polls {@code topic} from the beginning until {@code done} holds for what was read (or the
     * timeout passes), then returns everything read.
     */
    static <V> List<V> readUntil(
            String bootstrap,
            TopicSpec<String, V> topic,
            Predicate<List<V>> done,
            Duration timeout) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(
                        props,
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
                    out.add(r.value());
                }
            }
            // Read on briefly: anything beyond "done" would be a duplicate the test must see.
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
