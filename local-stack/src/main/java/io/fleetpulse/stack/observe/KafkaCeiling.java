package io.fleetpulse.stack.observe;

import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import io.fleetpulse.loadgen.sink.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling for the pipeline on this machine: raw Kafka produce + consume throughput with no
 * processing at all. One producer (the simulator's settings) sends real telemetry records (a sample
 * read from the raw topic, so size and compression match) as fast as it can into a fresh topic
 * shaped like the raw topic, while one consumer reads them back; the rate is records / time until
 * the consumer has them all. The topic is deleted afterwards.
 */
public final class KafkaCeiling {

    /** Produce-only and produce+consume rates, events/s. */
    public record Result(
            long records, double recordBytes, double produceRate, double endToEndRate) {}

    private KafkaCeiling() {}

    public static Result measure(String bootstrap, TopicSpec<?, ?> template, long records)
            throws Exception {
        List<byte[]> payloads = sample(bootstrap, template.name(), 256);
        if (payloads.isEmpty()) {
            throw new IllegalStateException(template.name() + " holds no records to sample");
        }
        String topic = "ceiling-" + System.nanoTime() + "." + template.name();
        TopicSpec<?, ?> spec =
                new TopicSpec<>(
                        topic,
                        template.partitions(),
                        template.configs(),
                        template.keySerde(),
                        template.valueSerde(),
                        "scratch topic of fleet bench e2e's Kafka ceiling");
        TopicSetup.ensure(bootstrap, List.of(spec), Map.of());
        try {
            return run(bootstrap, topic, template.partitions(), records, payloads);
        } finally {
            TopicSetup.delete(bootstrap, List.of(topic));
        }
    }

    private static Result run(
            String bootstrap, String topic, int partitions, long records, List<byte[]> payloads)
            throws Exception {
        AtomicLong consumed = new AtomicLong();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new TopicPartition(topic, p));
        }
        long start;
        long produced;
        Thread reader;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            parts.forEach(consumer::position);
            reader =
                    new Thread(
                            () -> {
                                while (consumed.get() < records) {
                                    consumed.addAndGet(
                                            consumer.poll(Duration.ofMillis(100)).count());
                                }
                            },
                            "ceiling-consumer");
            start = System.nanoTime();
            reader.start();
            ProducerSettings settings = ProducerSettings.defaults(bootstrap);
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(
                            settings.toProperties("fleet-ceiling"),
                            new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                for (long i = 0; i < records; i++) {
                    byte[] key =
                            ("V-" + (i % 10_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    producer.send(
                            new ProducerRecord<>(
                                    topic, key, payloads.get((int) (i % payloads.size()))));
                }
                producer.flush();
            }
            produced = System.nanoTime() - start;
            reader.join(Duration.ofMinutes(5).toMillis());
        }
        long total = System.nanoTime() - start;
        if (consumed.get() < records) {
            throw new IllegalStateException(
                    "the ceiling consumer read " + consumed.get() + " of " + records + " records");
        }
        double bytes = payloads.stream().mapToInt(b -> b.length).average().orElse(0);
        return new Result(records, bytes, records / (produced / 1e9), records / (total / 1e9));
    }

    /** Up to {@code n} record values from the end of {@code topic}'s partitions. */
    static List<byte[]> sample(String bootstrap, String topic, int n) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            int perPartition = Math.max(1, n / parts.size());
            ends.forEach((tp, end) -> consumer.seek(tp, Math.max(0, end - perPartition)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        return out.size() > n ? out.subList(0, n) : out;
    }
}
