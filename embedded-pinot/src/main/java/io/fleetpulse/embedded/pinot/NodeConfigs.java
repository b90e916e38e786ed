package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the config file of every node. Every listener is declared through Pinot's {@code
 * *.access.protocols.http.*} keys with host 127.0.0.1: the legacy keys ({@code controller.port},
 * {@code pinot.broker.client.queryPort}, {@code pinot.server.adminapi.port}) bind 0.0.0.0 in Pinot
 * 0.11, so they are deliberately absent. The server's query port is bound to 127.0.0.1 by the
 * patched {@code QueryServer} in FleetPulse's plugin jar (see {@link PinotCluster}).
 */
final class NodeConfigs {

    private static final String LOG4J_TEMPLATE = "log4j2-node.xml";

    private NodeConfigs() {}

    /** Writes all config files into {@code layout.confDir()}. */
    static void write(PinotClusterConfig config, ClusterLayout layout) {
        try {
            Files.createDirectories(layout.confDir());
            Files.createDirectories(layout.logsDir());
            Files.createDirectories(layout.tmpDir());
            writeProperties(layout.confDir().resolve("zoo.cfg"), zookeeper(config, layout));
            writeProperties(
                    layout.confDir().resolve("controller.conf"), controller(config, layout));
            writeProperties(layout.confDir().resolve("broker.conf"), broker(config));
            writeProperties(layout.confDir().resolve("server.conf"), server(config, layout));
            try (InputStream in = NodeConfigs.class.getResourceAsStream(LOG4J_TEMPLATE)) {
                Files.write(layout.log4jConfig(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Pinot configs to " + layout.confDir(), e);
        }
    }

    static Map<String, String> zookeeper(PinotClusterConfig c, ClusterLayout layout) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tickTime", "2000");
        p.put("dataDir", layout.zookeeperData().toString());
        p.put("clientPort", Integer.toString(c.zookeeperPort()));
        p.put("clientPortAddress", PinotClusterConfig.HOST);
        p.put("maxClientCnxns", "0");
        // ZooKeeper 3.5's admin server (Jetty, port 8080, all interfaces) is not wanted.
        p.put("admin.enableServer", "false");
        return p;
    }

    static Map<String, String> controller(PinotClusterConfig c, ClusterLayout layout) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("controller.helix.cluster.name", PinotClusterConfig.CLUSTER_NAME);
        p.put("controller.zk.str", c.zookeeperAddress());
        p.put("controller.host", PinotClusterConfig.HOST);
        p.put("controller.access.protocols", "http");
        p.put("controller.access.protocols.http.host", PinotClusterConfig.HOST);
        p.put("controller.access.protocols.http.port", Integer.toString(c.controllerPort()));
        p.put("controller.vip.host", PinotClusterConfig.HOST);
        p.put("controller.vip.port", Integer.toString(c.controllerPort()));
        p.put("controller.data.dir", layout.controllerData().toString());
        p.put("controller.local.temp.dir", layout.controllerTemp().toString());
        p.put("pinot.set.instance.id.to.hostname", "false");
        return p;
    }

    static Map<String, String> broker(PinotClusterConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pinot.zk.server", c.zookeeperAddress());
        p.put("pinot.cluster.name", PinotClusterConfig.CLUSTER_NAME);
        p.put("pinot.broker.client.access.protocols", "http");
        p.put("pinot.broker.client.access.protocols.http.host", PinotClusterConfig.HOST);
        p.put("pinot.broker.client.access.protocols.http.port", Integer.toString(c.brokerPort()));
        p.put("pinot.broker.hostname", PinotClusterConfig.HOST);
        p.put("pinot.set.instance.id.to.hostname", "false");
        // The default 10 s drain delay makes every stop of the local stack wait 10 s for nothing.
        p.put("pinot.broker.delayShutdownTimeMs", "1000");
        return p;
    }

    static Map<String, String> server(PinotClusterConfig c, ClusterLayout layout) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pinot.zk.server", c.zookeeperAddress());
        p.put("pinot.cluster.name", PinotClusterConfig.CLUSTER_NAME);
        p.put("pinot.server.netty.host", PinotClusterConfig.HOST);
        p.put("pinot.server.netty.port", Integer.toString(c.serverPort()));
        p.put("pinot.server.adminapi.access.protocols", "http");
        p.put("pinot.server.adminapi.access.protocols.http.host", PinotClusterConfig.HOST);
        p.put(
                "pinot.server.adminapi.access.protocols.http.port",
                Integer.toString(c.serverAdminPort()));
        p.put("pinot.server.instance.dataDir", layout.serverData().toString());
        p.put("pinot.server.instance.segmentTarDir", layout.serverSegments().toString());
        p.put("pinot.server.grpc.enable", "false");
        p.put("pinot.set.instance.id.to.hostname", "false");
        // Consuming segments in memory-mapped files under the data dir, not on the heap.
        p.put("pinot.server.instance.realtime.alloc.offheap", "true");
        return p;
    }

    private static void writeProperties(Path file, Map<String, String> props) throws IOException {
        StringBuilder out =
                new StringBuilder(
                        "# Written by FleetPulse's PinotCluster; rewritten at every start.\n");
        props.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
