package io.fleetpulse.ingest.testing;

import io.fleetpulse.embedded.kafka.EmbeddedKafka;
import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real Kafka broker (KRaft, 127.0.0.1, free ports) per test class, its data
 * under the project's work directory and deleted afterwards. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();

    private EmbeddedKafka kafka;
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path parent = Path.of(System.getProperty("fleet.work.dir", "target"), "test-kafka");
        kafka = EmbeddedKafka.startEphemeral(parent);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** A shared Admin client for this broker (closed by the extension). */
    public synchronized Admin admin() {
        if (admin == null) {
            admin =
                    Admin.create(
                            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    /** A complete, provisioned topic set with a prefix no other test uses. */
    public Topics freshTopics() {
        String prefix =
                "t"
                        + TOPIC_SETS.incrementAndGet()
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + ".";
        Topics topics = Topics.withPrefix(prefix);
        try {
            new TopicProvisioner(admin(), (short) 1, Map.of()).provision(topics.all());
        } catch (Exception e) {
            throw new IllegalStateException("cannot provision test topics " + prefix, e);
        }
        return topics;
    }

    private EmbeddedKafka running() {
        if (kafka == null) {
            throw new IllegalStateException("the broker runs only inside the test class");
        }
        return kafka;
    }
}
