package io.fleetpulse.stack;

import io.fleetpulse.stack.component.FeatureJobComponent;
import io.fleetpulse.stack.component.FlinkClusterComponent;
import io.fleetpulse.stack.component.FlinkJobsComponent;
import io.fleetpulse.stack.component.GatewayComponent;
import io.fleetpulse.stack.component.KafkaComponent;
import io.fleetpulse.stack.component.LearnerComponent;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.component.ServingComponent;
import java.util.List;

/**
 * The components {@code fleet up} starts, in start order ({@code fleet down} stops newest first).
 */
public final class StackComponents {

    private StackComponents() {}

    /** Kafka first (everything reads or writes it), then the processes that use it. */
    public static List<StackComponent> standard() {
        return List.of(
                new KafkaComponent(),
                new GatewayComponent(),
                new FeatureJobComponent(),
                new LearnerComponent(),
                new ServingComponent(),
                new PinotComponent(),
                new FlinkClusterComponent(),
                new FlinkJobsComponent());
    }
}
