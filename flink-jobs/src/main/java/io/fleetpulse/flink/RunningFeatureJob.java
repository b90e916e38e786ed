package io.fleetpulse.flink;

import io.fleetpulse.flink.telemetry.TelemetrySource;
import io.fleetpulse.ingest.topics.Topics;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * FeatureJob submitted against Kafka and still running: what {@code FeatureJobMain}, the benchmarks
 * and the integration tests start. Closing it cancels the job (its last checkpoint is retained, so
 * a restart with the same checkpoint directory resumes from it).
 */
public final class RunningFeatureJob implements AutoCloseable {

    /** The job's name on a cluster (web UI, REST {@code /jobs/overview}). */
    public static final String JOB_NAME = "FleetPulse FeatureJob";

    private final JobClient client;

    private RunningFeatureJob(JobClient client) {
        this.client = client;
    }

    /**
     * Options for a job on a local mini cluster (127.0.0.1) reading and writing {@code topics},
     * with a consumer group and transactional ids of its own.
     */
    public static Configuration localConfig(String bootstrap, Topics topics) {
        Configuration c = new Configuration();
        c.set(FeatureJobOptions.BOOTSTRAP_SERVERS, bootstrap);
        c.set(FeatureJobOptions.TOPIC_PREFIX, topics.prefix());
        c.set(FeatureJobOptions.GROUP_ID, "feature-job-" + topics.prefix());
        c.set(FeatureJobOptions.TRANSACTIONAL_ID_PREFIX, "feature-job-" + topics.prefix());
        c.setString(JobEnvironments.LOCAL_FLAG, "true");
        return c;
    }

    /** Builds the job with Kafka source and exactly-once sinks and submits it. */
    public static RunningFeatureJob start(Configuration config) throws Exception {
        return new RunningFeatureJob(build(config).executeAsync(JOB_NAME));
    }

    /** The environment for {@code config} with the job (Kafka source, exactly-once sinks) in it. */
    public static StreamExecutionEnvironment build(Configuration config) {
        StreamExecutionEnvironment env = JobEnvironments.create(config);
        Topics topics = Topics.withPrefix(config.get(FeatureJobOptions.TOPIC_PREFIX));
        new FeatureJob(
                        TelemetrySource.kafka(topics, config),
                        FeatureJobSinks.kafka(topics, config),
                        config)
                .build(env);
        return env;
    }

    public JobID jobId() {
        return client.getJobID();
    }

    /** Whether the job still runs (it never ends by itself: its source is unbounded). */
    public boolean running() throws Exception {
        return !client.getJobStatus().get().isTerminalState();
    }

    /** Blocks until the job ends (it is cancelled, or fails). */
    public void awaitEnd() throws Exception {
        client.getJobExecutionResult().get();
    }

    /**
     * Cancels the job and waits until it has ended: a cancel is only acknowledged at first, and a
     * job still winding down writes checkpoint files (a restart on the same directory, or deleting
     * it, would race with that).
     */
    @Override
    public void close() throws Exception {
        if (running()) {
            client.cancel().get();
        }
        try {
            client.getJobExecutionResult().get();
        } catch (ExecutionException cancelledOrFailed) {
            // the end we waited for: a cancelled job ends with an exception
        }
    }
}
