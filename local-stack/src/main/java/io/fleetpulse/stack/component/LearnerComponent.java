package io.fleetpulse.stack.component;

/**
 * LearnerJob (online-learner) in its own JVM's Flink mini cluster (127.0.0.1): it trains on the
 * features FeatureJob writes and publishes alerts and model snapshots, checkpointing to the work
 * directory and resuming with the models it had when started again. Not essential: ingest and
 * features keep running if it cannot start (e.g. DJL's native library cannot be unpacked).
 */
public final class LearnerComponent extends MiniClusterJobComponent {

    public static final String NAME = "learner-job";
    public static final String MAIN = "io.fleetpulse.learner.job.LearnerJobMain";

    public LearnerComponent() {
        super(NAME, MAIN, "LearnerJob (Flink mini cluster, DJL)");
    }

    @Override
    public boolean essential() {
        return false;
    }
}
