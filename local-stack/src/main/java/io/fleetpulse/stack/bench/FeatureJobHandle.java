package io.fleetpulse.stack.bench;

import io.fleetpulse.flink.FeatureJob;
import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.FeatureJobSinks;
import io.fleetpulse.flink.JobEnvironments;
import io.fleetpulse.flink.telemetry.TelemetrySource;
import io.fleetpulse.ingest.topics.Topics;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** FeatureJob running in this JVM's mini cluster (127.0.0.1) against a broker, for benchmarks. */
final class FeatureJobHandle implements AutoCloseable {

    private final JobClient client;

    private FeatureJobHandle(JobClient client) {
        this.client = client;
    }

    static Configuration config(
            String bootstrap,
            Topics topics,
            boolean mice,
            int parallelism,
            Duration checkpointInterval,
            Duration allowedLateness,
            String checkpointDir) {
        Configuration c = new Configuration();
        c.set(FeatureJobOptions.BOOTSTRAP_SERVERS, bootstrap);
        c.set(FeatureJobOptions.TOPIC_PREFIX, topics.prefix());
        c.set(FeatureJobOptions.GROUP_ID, "bench-" + topics.prefix());
        c.set(FeatureJobOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + topics.prefix());
        c.set(FeatureJobOptions.MICE_ENABLED, mice);
        c.set(FeatureJobOptions.PARALLELISM, parallelism);
        c.set(FeatureJobOptions.CHECKPOINT_INTERVAL, checkpointInterval);
        c.set(FeatureJobOptions.ALLOWED_LATENESS, allowedLateness);
        c.set(FeatureJobOptions.CHECKPOINT_DIR, checkpointDir);
        c.setString(JobEnvironments.LOCAL_FLAG, "true");
        return c;
    }

    static FeatureJobHandle start(Configuration config) throws Exception {
        StreamExecutionEnvironment env = JobEnvironments.create(config);
        Topics topics = Topics.withPrefix(config.get(FeatureJobOptions.TOPIC_PREFIX));
        new FeatureJob(
                        TelemetrySource.kafka(topics, config),
                        FeatureJobSinks.kafka(topics, config),
                        config)
                .build(env);
        return new FeatureJobHandle(env.executeAsync("FeatureJob benchmark"));
    }

    @Override
    public void close() throws Exception {
        if (!client.getJobStatus().get().isTerminalState()) {
            client.cancel().get();
        }
    }
}
