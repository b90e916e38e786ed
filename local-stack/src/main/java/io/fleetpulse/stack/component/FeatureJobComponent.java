package io.fleetpulse.stack.component;

/**
 * FeatureJob in its own JVM's Flink mini cluster (127.0.0.1), checkpointing to the work directory
 * and resuming from its last checkpoint when started again.
 */
public final class FeatureJobComponent extends MiniClusterJobComponent {

    public static final String NAME = "feature-job";
    public static final String MAIN = "io.fleetpulse.flink.FeatureJobMain";

    public FeatureJobComponent() {
        super(NAME, MAIN, "FeatureJob (Flink mini cluster)");
    }
}
