package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What status, the demo line and {@code fleet bench e2e} read from a real broker: end offsets,
 * committed (last stable) end offsets and consumer-group lag.
 */
class KafkaInspectorITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void endOffsetsAndGroupLag() throws Exception {
        Topics topics = KAFKA.freshTopics();
        String dlq = topics.deadLetters().name();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(dlq, 0, "k", "v" + i)).get();
            }
        }
        String group = "test-group-" + topics.prefix();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                group),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.commitSync(
                    Map.of(new TopicPartition(dlq, 0), new OffsetAndMetadata(4)),
                    Duration.ofSeconds(30));
        }

        try (KafkaInspector inspector = new KafkaInspector(KAFKA.bootstrapServers())) {
            assertThat(inspector.reachable()).isTrue();
            assertThat(inspector.endOffsets(dlq)).isEqualTo(10);
            assertThat(inspector.endOffsets("no-such-topic")).isEqualTo(-1);
            assertThat(inspector.topics(List.of(dlq, topics.raw().name())))
                    .containsExactly(
                            new KafkaInspector.TopicInfo(
                                    dlq, topics.deadLetters().partitions(), 10),
                            new KafkaInspector.TopicInfo(
                                    topics.raw().name(), topics.raw().partitions(), 0));
            assertThat(inspector.groupLags()).contains(new KafkaInspector.GroupLag(group, 6, 1));
        }
    }

    @Test
    void committedEndOffsetsStopAtAnOpenTransaction() throws Exception {
        Topics topics = KAFKA.freshTopics();
        String imputed = topics.imputed().name();
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        KAFKA.bootstrapServers(),
                                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                        "inspector-test-" + topics.prefix()),
                                new StringSerializer(),
                                new StringSerializer());
                KafkaInspector inspector = new KafkaInspector(KAFKA.bootstrapServers())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(imputed, 0, "k", "v" + i));
            }
            producer.commitTransaction();
            awaitReadable(inspector, imputed, 6); // 5 records and the commit marker

            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(imputed, 0, "k", "open" + i));
            }
            producer.flush();
            assertThat(inspector.endOffsets(imputed)).isEqualTo(9);
            assertThat(inspector.committedEndOffsets(imputed))
                    .as("an open transaction's records are not readable yet")
                    .isEqualTo(6);
            producer.commitTransaction();
            awaitReadable(inspector, imputed, 10);
            assertThat(inspector.committedEndOffsets("no-such-topic")).isZero();
        }
    }

    /** The coordinator writes a commit's markers after {@code commitTransaction} returns. */
    private static void awaitReadable(KafkaInspector inspector, String topic, long offsets)
            throws Exception {
        Await.until(
                "last stable offsets " + offsets,
                Duration.ofSeconds(30),
                () -> inspector.committedEndOffsets(topic) == offsets,
                () -> "last stable offsets " + inspector.committedEndOffsets(topic));
    }

    @Test
    void anAbsentBrokerIsReportedNotWaitedOnForever() {
        try (KafkaInspector inspector = new KafkaInspector("127.0.0.1:" + Ports.freePort())) {
            assertThat(inspector.reachable()).isFalse();
        }
    }
}
