package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the local Pinot cluster: its directory (data, configs, logs, state), the ports of its
 * four nodes (all bound to 127.0.0.1), their heaps and how long starting may take.
 *
 * @param dir the cluster's directory, under the project's work directory
 * @param zookeeperPort ZooKeeper client port
 * @param controllerPort controller HTTP port (REST API and UI)
 * @param brokerPort broker HTTP query port
 * @param serverPort server query port (broker to server, Netty)
 * @param serverAdminPort server admin HTTP port
 * @param heaps maximum heap of each node
 * @param startTimeout how long each node may take to become healthy
 * @param stopOnJvmExit whether a shutdown hook of the starting JVM stops the cluster (tests); the
 *     local stack leaves it running after {@code fleet up} returns
 */
public record PinotClusterConfig(
        Path dir,
        int zookeeperPort,
        int controllerPort,
        int brokerPort,
        int serverPort,
        int serverAdminPort,
        Heaps heaps,
        Duration startTimeout,
        boolean stopOnJvmExit) {

    /** Default ports: Pinot's own defaults plus 10000, so they stay clear of a stock Pinot. */
    public static final int DEFAULT_ZOOKEEPER_PORT = 12181;

    public static final int DEFAULT_CONTROLLER_PORT = 19000;
    public static final int DEFAULT_BROKER_PORT = 18099;
    public static final int DEFAULT_SERVER_PORT = 18098;
    public static final int DEFAULT_SERVER_ADMIN_PORT = 18097;

    /** The only interface any node binds. */
    public static final String HOST = "127.0.0.1";

    /** The Helix cluster name. */
    public static final String CLUSTER_NAME = "FleetPulse";

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Maximum heap per node, e.g. {@code 512m}.
     *
     * @param zookeeper ZooKeeper
     * @param controller controller
     * @param broker broker
     * @param server server (consuming segments live off-heap, memory-mapped under the data dir)
     */
    public record Heaps(String zookeeper, String controller, String broker, String server) {
        /** Modest heaps for a 2-core developer machine and small data sets. */
        public static final Heaps SMALL = new Heaps("128m", "384m", "384m", "768m");

        /** Heaps for the local stack and benchmarks (tens of millions of rows). */
        public static final Heaps STACK = new Heaps("128m", "512m", "768m", "2g");
    }

    /** The local stack's cluster in {@code dir} on the default ports. */
    public static PinotClusterConfig defaults(Path dir) {
        return new PinotClusterConfig(
                dir,
                DEFAULT_ZOOKEEPER_PORT,
                DEFAULT_CONTROLLER_PORT,
                DEFAULT_BROKER_PORT,
                DEFAULT_SERVER_PORT,
                DEFAULT_SERVER_ADMIN_PORT,
                Heaps.STACK,
                DEFAULT_START_TIMEOUT,
                false);
    }

    /** A test cluster in {@code dir} on free ports, small heaps, stopped when the JVM exits. */
    public static PinotClusterConfig ephemeral(Path dir) {
        int[] ports = FreePorts.pick(5);
        return new PinotClusterConfig(
                dir,
                ports[0],
                ports[1],
                ports[2],
                ports[3],
                ports[4],
                Heaps.SMALL,
                DEFAULT_START_TIMEOUT,
                true);
    }

    public PinotClusterConfig withHeaps(Heaps newHeaps) {
        return new PinotClusterConfig(
                dir,
                zookeeperPort,
                controllerPort,
                brokerPort,
                serverPort,
                serverAdminPort,
                newHeaps,
                startTimeout,
                stopOnJvmExit);
    }

    public PinotClusterConfig withPorts(
            int zookeeper, int controller, int broker, int server, int serverAdmin) {
        return new PinotClusterConfig(
                dir,
                zookeeper,
                controller,
                broker,
                server,
                serverAdmin,
                heaps,
                startTimeout,
                stopOnJvmExit);
    }

    public PinotClusterConfig withStartTimeout(Duration timeout) {
        return new PinotClusterConfig(
                dir,
                zookeeperPort,
                controllerPort,
                brokerPort,
                serverPort,
                serverAdminPort,
                heaps,
                timeout,
                stopOnJvmExit);
    }

    public String controllerUrl() {
        return "http://" + HOST + ":" + controllerPort;
    }

    public String brokerUrl() {
        return "http://" + HOST + ":" + brokerPort;
    }

    public String zookeeperAddress() {
        return HOST + ":" + zookeeperPort;
    }
}
