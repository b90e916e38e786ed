package io.fleetpulse.flink.job;

import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.RunningFeatureJob;
import io.fleetpulse.ingest.topics.Topics;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** FeatureJob options for the integration tests: fast checkpoints, short cold start. */
final class FeatureJobRun {

    private FeatureJobRun() {}

    static Configuration config(String bootstrap, Topics topics, String checkpointDir) {
        Configuration c = RunningFeatureJob.localConfig(bootstrap, topics);
        c.set(FeatureJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        // Every partition gets a flush event, so none needs to be declared idle; idleness is
        // processing-time based and a short one makes results depend on the machine's load.
        c.set(FeatureJobOptions.SOURCE_IDLENESS, Duration.ofMinutes(10));
        c.set(FeatureJobOptions.PARALLELISM, 2);
        c.set(FeatureJobOptions.MICE_MIN_OBSERVATIONS, 20L);
        if (checkpointDir != null) {
            c.set(FeatureJobOptions.CHECKPOINT_DIR, checkpointDir);
        }
        return c;
    }
}
