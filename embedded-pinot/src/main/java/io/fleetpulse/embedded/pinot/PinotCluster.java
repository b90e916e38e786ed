package io.fleetpulse.embedded.pinot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A local Apache Pinot 0.11 cluster: ZooKeeper, controller, broker and server, each its own JVM
 * with Pinot's own classpath ({@link PinotRuntime}), all bound to 127.0.0.1, all data under one
 * directory. {@link #start} starts it and waits until every node is healthy; {@link #close} stops
 * it. The cluster records its process ids in its directory, so {@code fleet down} (another JVM) can
 * {@link #find} and stop it.
 *
 * <p>If a node fails to start, {@link #start} stops what it started and throws a {@link
 * PinotStartException} saying why: a port taken, out of memory, a missing Java option, or the
 * node's last error.
 *
 * <p>Pinot 0.11 binds the server's query port to all interfaces; FleetPulse's plugin jar carries a
 * patched {@code QueryServer} that binds it to 127.0.0.1 instead.
 */
public final class PinotCluster implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final PinotClusterConfig config;
    private final ClusterLayout layout;
    private final Map<PinotNode, ProcessHandle> processes;
    private Thread shutdownHook;

    private PinotCluster(
            PinotClusterConfig config, ClusterLayout layout, Map<PinotNode, ProcessHandle> procs) {
        this.config = config;
        this.layout = layout;
        this.processes = procs;
    }

    /** As {@link #start(PinotClusterConfig, Consumer)} without progress messages. */
    public static PinotCluster start(PinotClusterConfig config) {
        return start(config, line -> {});
    }

    /**
     * Starts the cluster and waits until every node is healthy. If this directory's cluster is
     * already running, returns it instead (starting is idempotent).
     *
     * @param progress receives one line per step, e.g. for {@code fleet up}
     * @throws PinotStartException when a node does not start; nothing started is left running
     */
    public static PinotCluster start(PinotClusterConfig config, Consumer<String> progress) {
        ClusterLayout layout = new ClusterLayout(config.dir().toAbsolutePath());
        Optional<PinotCluster> running = find(layout.dir());
        if (running.isPresent()) {
            progress.accept("Pinot already runs: controller " + running.get().controllerUrl());
            return running.get();
        }
        stopLeftovers(layout);
        PinotRuntime runtime = PinotRuntime.locate();
        requirePortsFree(config);
        NodeConfigs.write(config, layout);
        PinotCluster cluster =
                new PinotCluster(
                        config,
                        layout,
                        Collections.synchronizedMap(new EnumMap<>(PinotNode.class)));
        if (config.stopOnJvmExit()) {
            cluster.shutdownHook = new Thread(cluster::stopNodes, "pinot-cluster-stop");
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        }
        try {
            cluster.launch(List.of(PinotNode.ZOOKEEPER), runtime, progress);
            cluster.launch(List.of(PinotNode.CONTROLLER), runtime, progress);
            cluster.launch(List.of(PinotNode.BROKER, PinotNode.SERVER), runtime, progress);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * The cluster recorded in {@code dir} if all of its nodes still run (and are ours: their
     * command lines name this directory).
     */
    public static Optional<PinotCluster> find(Path dir) {
        ClusterLayout layout = new ClusterLayout(dir.toAbsolutePath());
        Optional<ClusterState> state = ClusterState.read(layout, PinotClusterConfig.Heaps.STACK);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Map<PinotNode, ProcessHandle> procs = new EnumMap<>(PinotNode.class);
        for (Map.Entry<PinotNode, Long> e : state.get().pids().entrySet()) {
            NodeProcess.findOurs(e.getValue(), layout.dir())
                    .ifPresent(p -> procs.put(e.getKey(), p));
        }
        if (procs.size() != PinotNode.values().length) {
            return Optional.empty();
        }
        return Optional.of(new PinotCluster(state.get().config(), layout, procs));
    }

    /**
     * Stops the cluster recorded in {@code dir}, including what is left of a half-dead one.
     *
     * @return true if any node was running
     */
    public static boolean stop(Path dir) {
        return stopLeftovers(new ClusterLayout(dir.toAbsolutePath()));
    }

    public PinotClusterConfig config() {
        return config;
    }

    /** The controller's base URL (REST API), e.g. {@code http://127.0.0.1:19000}. */
    public String controllerUrl() {
        return config.controllerUrl();
    }

    /** The broker's base URL (SQL queries: {@code POST /query/sql}). */
    public String brokerUrl() {
        return config.brokerUrl();
    }

    public String zookeeperAddress() {
        return config.zookeeperAddress();
    }

    public Path dir() {
        return layout.dir();
    }

    /** The full log of {@code node}. */
    public Path log(PinotNode node) {
        return layout.log(node);
    }

    /** Process id of each running node. */
    public Map<PinotNode, Long> pids() {
        Map<PinotNode, Long> out = new EnumMap<>(PinotNode.class);
        processes.forEach((node, p) -> out.put(node, p.pid()));
        return out;
    }

    /** Stops every node (server, broker, controller, then ZooKeeper) and forgets the state. */
    @Override
    public void close() {
        stopNodes();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
            shutdownHook = null;
        }
    }

    private void stopNodes() {
        List<PinotNode> order = new ArrayList<>(List.of(PinotNode.values()));
        Collections.reverse(order);
        for (PinotNode node : order) {
            ProcessHandle p = processes.remove(node);
            if (p != null) {
                NodeProcess.stop(p, STOP_GRACE);
            }
        }
        ClusterState.delete(layout);
    }

    private void launch(List<PinotNode> nodes, PinotRuntime runtime, Consumer<String> progress) {
        long t0 = System.nanoTime();
        for (PinotNode node : nodes) {
            processes.put(node, NodeProcess.start(node, config, layout, runtime));
        }
        // Recorded before waiting, so a crash of this JVM leaves no node that `stop` cannot find.
        new ClusterState(config, pids()).write(layout);
        for (PinotNode node : nodes) {
            awaitHealthy(node);
        }
        progress.accept(
                String.format(
                        "Pinot %s up in %.1f s",
                        String.join(" and ", nodes.stream().map(PinotNode::id).toList()),
                        (System.nanoTime() - t0) / 1e9));
    }

    private void awaitHealthy(PinotNode node) {
        ProcessHandle p = processes.get(node);
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (!HealthProbe.healthy(node, config)) {
            if (!p.isAlive()) {
                throw failure(node, "exited while starting");
            }
            if (System.nanoTime() > deadline) {
                throw timeout(node);
            }
            sleep(POLL);
        }
    }

    private PinotStartException failure(PinotNode node, String what) {
        StartupDiagnosis.Finding f =
                StartupDiagnosis.diagnose(node, List.of(layout.consoleLog(node), layout.log(node)));
        return new PinotStartException(f.reason(), f.explanation(), layout.log(node));
    }

    private PinotStartException timeout(PinotNode node) {
        StartupDiagnosis.Finding f =
                StartupDiagnosis.diagnose(node, List.of(layout.consoleLog(node), layout.log(node)));
        String why =
                f.reason() == PinotStartException.Reason.EXITED
                        ? "the Pinot "
                                + node.id()
                                + " was not healthy after "
                                + config.startTimeout()
                        : f.explanation();
        PinotStartException.Reason reason =
                f.reason() == PinotStartException.Reason.EXITED
                        ? PinotStartException.Reason.TIMEOUT
                        : f.reason();
        return new PinotStartException(reason, why, layout.log(node));
    }

    private static void requirePortsFree(PinotClusterConfig c) {
        requireFree(c.zookeeperPort(), "ZooKeeper");
        requireFree(c.controllerPort(), "controller");
        requireFree(c.brokerPort(), "broker");
        requireFree(c.serverPort(), "server query");
        requireFree(c.serverAdminPort(), "server admin");
    }

    private static void requireFree(int port, String what) {
        if (!FreePorts.isFree(port)) {
            throw new PinotStartException(
                    PinotStartException.Reason.PORT_TAKEN,
                    "port "
                            + port
                            + " (Pinot "
                            + what
                            + ") is in use by another process; stop it or choose another port",
                    null);
        }
    }

    /** Stops any recorded node of this directory that still runs; true if one did. */
    private static boolean stopLeftovers(ClusterLayout layout) {
        if (!Files.exists(layout.stateFile())) {
            return false;
        }
        Optional<ClusterState> state = ClusterState.read(layout, PinotClusterConfig.Heaps.STACK);
        boolean any = false;
        List<PinotNode> order = new ArrayList<>(List.of(PinotNode.values()));
        Collections.reverse(order);
        for (PinotNode node : order) {
            Long pid = state.map(s -> s.pids().get(node)).orElse(null);
            if (pid != null) {
                Optional<ProcessHandle> p = NodeProcess.findOurs(pid, layout.dir());
                if (p.isPresent()) {
                    any = true;
                    NodeProcess.stop(p.get(), STOP_GRACE);
                }
            }
        }
        ClusterState.delete(layout);
        return any;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Pinot", e);
        }
    }
}
