package io.fleetpulse.pinot;

import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.embedded.pinot.PinotClusterConfig;
import io.fleetpulse.embedded.pinot.PinotStartException;
import io.fleetpulse.ingest.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local stack's Pinot in two calls, for {@code fleet up} and {@code fleet down}: start (or
 * find) the cluster in its own JVMs, then apply FleetPulse's tables to it. The topics must exist
 * first (Pinot reads their partition count when a table is created).
 */
public final class LocalPinot {

    /**
     * A running local Pinot and what applying the tables did.
     *
     * @param cluster the cluster (keeps running after this JVM exits; stop it with {@link #down})
     * @param applied one result per schema and table
     */
    public record Up(PinotCluster cluster, List<ApplyResult> applied) {}

    private LocalPinot() {}

    /**
     * Starts the cluster {@code config} describes (or returns the one already running there) and
     * applies the tables reading {@code topics} from {@code bootstrap}.
     *
     * @throws PinotStartException if Pinot does not start; its message says why (port taken, out of
     *     memory, missing Java option, ...) and nothing of it is left running
     * @throws PinotException if Pinot refuses a table config (Pinot keeps running)
     */
    public static Up up(
            PinotClusterConfig config, Topics topics, String bootstrap, Consumer<String> progress) {
        PinotCluster cluster = PinotCluster.start(config, progress);
        List<ApplyResult> applied =
                new PinotApplier(new PinotControllerClient(cluster.controllerUrl()))
                        .apply(PinotConfigs.all(topics, bootstrap), false);
        applied.forEach(r -> progress.accept(r.describe()));
        return new Up(cluster, applied);
    }

    /** Stops the local Pinot recorded in {@code dir}; true if any of it was running. */
    public static boolean down(Path dir) {
        return PinotCluster.stop(dir);
    }
}
