package io.fleetpulse.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaITCase {

    private static Path newDataDir() throws Exception {
        Path base = Path.of(System.getProperty("fleet.work.dir", "target"), "test-kafka");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "embedded-");
    }

    @org.junit.jupiter.api.AfterAll
    static void removeDataDirs() throws Exception {
        Path base = Path.of(System.getProperty("fleet.work.dir", "target"), "test-kafka");
        try (var paths = Files.list(base)) {
            for (Path p :
                    paths.filter(p -> p.getFileName().toString().startsWith("embedded-"))
                            .toList()) {
                try (var all = Files.walk(p)) {
                    all.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void servesClientsOnLoopbackAndKeepsDataAcrossRestart() throws Exception {
        Path dir = newDataDir();
        String topic = "t-" + UUID.randomUUID();
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, 0)) {
            port = kafka.port();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
            produce(kafka.bootstrapServers(), topic, "a", "b", "c");
            assertThat(consumeAll(kafka.bootstrapServers(), topic, 3))
                    .containsExactlyInAnyOrder("a", "b", "c");
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, port, 0)) {
            produce(again.bootstrapServers(), topic, "d");
            assertThat(consumeAll(again.bootstrapServers(), topic, 4))
                    .containsExactlyInAnyOrder("a", "b", "c", "d");
        }
        try (EmbeddedKafka third = EmbeddedKafka.startEphemeral(dir.resolve("scratch"))) {
            assertThat(third.dataDir()).startsWith(dir.resolve("scratch"));
            produce(third.bootstrapServers(), "x", new String[0]);
        }
        assertThat(dir.resolve("scratch")).isEmptyDirectory();
    }

    private static void produce(String bootstrap, String topic, String... values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v, v)).get();
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
