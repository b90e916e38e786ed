package io.fleetpulse.serving.feed;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings every model-serving reader shares: no consumer group or committed offsets (each
 * reader assigns partitions and seeks itself) and read_committed, because the learner writes models
 * and alerts transactionally (exactly once).
 */
public final class ReaderProps {

    private ReaderProps() {}

    /** The shared settings for a reader called {@code clientId}. */
    public static Properties readCommitted(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
