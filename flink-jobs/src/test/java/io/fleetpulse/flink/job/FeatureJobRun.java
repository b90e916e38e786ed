package io.fleetpulse.flink.job;

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

/** Starts FeatureJob on a local mini cluster against a test broker and topic set. */
final class FeatureJobRun implements AutoCloseable {

    private final JobClient client;

    private FeatureJobRun(JobClient client) {
        this.client = client;
    }

    static Configuration config(String bootstrap, Topics topics, String checkpointDir) {
        Configuration c = new Configuration();
        c.set(FeatureJobOptions.BOOTSTRAP_SERVERS, bootstrap);
        c.set(FeatureJobOptions.TOPIC_PREFIX, topics.prefix());
        c.set(FeatureJobOptions.GROUP_ID, "feature-job-" + topics.prefix());
        c.set(FeatureJobOptions.TRANSACTIONAL_ID_PREFIX, "feature-job-" + topics.prefix());
        c.set(FeatureJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        // Every partition gets a flush event, so none needs to be declared idle; idleness is
        // processing-time based and a short one makes results depend on the machine's load.
        c.set(FeatureJobOptions.SOURCE_IDLENESS, Duration.ofMinutes(10));
        c.set(FeatureJobOptions.PARALLELISM, 2);
        c.set(FeatureJobOptions.MICE_MIN_OBSERVATIONS, 20L);
        if (checkpointDir != null) {
            c.set(FeatureJobOptions.CHECKPOINT_DIR, checkpointDir);
        }
        c.setString(JobEnvironments.LOCAL_FLAG, "true");
        return c;
    }

    static FeatureJobRun start(Configuration config) throws Exception {
        StreamExecutionEnvironment env = JobEnvironments.create(config);
        Topics topics = Topics.withPrefix(config.get(FeatureJobOptions.TOPIC_PREFIX));
        new FeatureJob(
                        TelemetrySource.kafka(topics, config),
                        FeatureJobSinks.kafka(topics, config),
                        config)
                .build(env);
        return new FeatureJobRun(env.executeAsync("FeatureJob under test"));
    }

    /** Whether the job is still running (it never ends by itself: its source is unbounded). */
    boolean running() throws Exception {
        return !client.getJobStatus().get().isTerminalState();
    }

    @Override
    public void close() throws Exception {
        if (running()) {
            client.cancel().get();
        }
    }
}
