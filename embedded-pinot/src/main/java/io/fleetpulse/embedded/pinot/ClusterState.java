package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a started cluster records in its directory so that another JVM can find and stop it: the
 * process id of each node and the ports. Written atomically; removed when the cluster stops.
 */
record ClusterState(PinotClusterConfig config, Map<PinotNode, Long> pids) {

    void write(ClusterLayout layout) {
        Properties p = new Properties();
        pids.forEach((node, pid) -> p.setProperty(node.id() + ".pid", Long.toString(pid)));
        p.setProperty("zookeeper.port", Integer.toString(config.zookeeperPort()));
        p.setProperty("controller.port", Integer.toString(config.controllerPort()));
        p.setProperty("broker.port", Integer.toString(config.brokerPort()));
        p.setProperty("server.port", Integer.toString(config.serverPort()));
        p.setProperty("server.admin.port", Integer.toString(config.serverAdminPort()));
        p.setProperty("controller.url", config.controllerUrl());
        p.setProperty("broker.url", config.brokerUrl());
        Path tmp = layout.stateFile().resolveSibling(layout.stateFile().getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "FleetPulse local Pinot cluster; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(
                    tmp,
                    layout.stateFile(),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.stateFile(), e);
        }
    }

    /** The recorded state in {@code layout}, if any (process ids not yet checked). */
    static Optional<ClusterState> read(ClusterLayout layout, PinotClusterConfig.Heaps heaps) {
        if (!Files.exists(layout.stateFile())) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(layout.stateFile(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + layout.stateFile(), e);
        }
        Map<PinotNode, Long> pids = new EnumMap<>(PinotNode.class);
        for (PinotNode node : PinotNode.values()) {
            String pid = p.getProperty(node.id() + ".pid");
            if (pid != null) {
                pids.put(node, Long.parseLong(pid));
            }
        }
        PinotClusterConfig config =
                PinotClusterConfig.defaults(layout.dir())
                        .withHeaps(heaps)
                        .withPorts(
                                port(p, "zookeeper.port"),
                                port(p, "controller.port"),
                                port(p, "broker.port"),
                                port(p, "server.port"),
                                port(p, "server.admin.port"));
        return Optional.of(new ClusterState(config, pids));
    }

    static void delete(ClusterLayout layout) {
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + layout.stateFile(), e);
        }
    }

    private static int port(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("pinot-cluster.properties lacks " + key);
        }
        return Integer.parseInt(value);
    }
}
