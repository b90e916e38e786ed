package io.fleetpulse.embedded.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real local Pinot cluster: every node healthy on 127.0.0.1 only (the server's query port too,
 * thanks to the patched QueryServer), findable and stoppable from its directory, and a taken port
 * refused up front with a clear reason.
 */
class PinotClusterITCase {

    /** Under java.io.tmpdir, which the build points into the project's work directory. */
    @TempDir Path dir;

    @Test
    void startsEveryNodeOnLoopbackOnlyAndStopsThemAll() throws Exception {
        PinotClusterConfig config = PinotClusterConfig.ephemeral(dir);
        List<Integer> ports =
                List.of(
                        config.zookeeperPort(),
                        config.controllerPort(),
                        config.brokerPort(),
                        config.serverPort(),
                        config.serverAdminPort());
        List<ProcessHandle> processes;
        try (PinotCluster cluster = PinotCluster.start(config)) {
            processes =
                    cluster.pids().values().stream()
                            .map(pid -> ProcessHandle.of(pid).orElseThrow())
                            .toList();

            assertThat(cluster.pids()).containsOnlyKeys(PinotNode.values());
            for (int port : ports) {
                assertThat(accepts(InetAddress.getLoopbackAddress(), port))
                        .as("port %d on 127.0.0.1", port)
                        .isTrue();
            }
            Optional<InetAddress> external = nonLoopbackAddress();
            assumeThat(external).as("a non-loopback interface to probe").isPresent();
            for (int port : ports) {
                assertThat(accepts(external.get(), port))
                        .as("port %d on %s", port, external.get())
                        .isFalse();
            }
            assertThat(PinotCluster.find(dir))
                    .map(PinotCluster::controllerUrl)
                    .contains(cluster.controllerUrl());
            assertThat(Files.readString(cluster.log(PinotNode.SERVER)))
                    .contains("FleetPulse patched QueryServer");
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(PinotCluster.find(dir)).isEmpty();
    }

    @Test
    void aTakenPortIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PinotClusterConfig config = PinotClusterConfig.ephemeral(dir);
            PinotClusterConfig clash =
                    config.withPorts(
                            config.zookeeperPort(),
                            taken.getLocalPort(),
                            config.brokerPort(),
                            config.serverPort(),
                            config.serverAdminPort());

            assertThatThrownBy(() -> PinotCluster.start(clash))
                    .isInstanceOfSatisfying(
                            PinotStartException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(PinotStartException.Reason.PORT_TAKEN))
                    .hasMessageContaining(
                            "port " + taken.getLocalPort() + " (Pinot controller) is in use");
        }
        assertThat(PinotCluster.find(dir)).isEmpty();
    }

    @Test
    void aNodeThatCannotGetItsMemoryFailsWithThatReasonAndLeavesNothingRunning() throws Exception {
        PinotClusterConfig config =
                PinotClusterConfig.ephemeral(dir)
                        .withHeaps(new PinotClusterConfig.Heaps("500t", "384m", "384m", "768m"));

        assertThatThrownBy(() -> PinotCluster.start(config))
                .isInstanceOfSatisfying(
                        PinotStartException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(PinotStartException.Reason.OUT_OF_MEMORY))
                .hasMessageContaining("the Pinot zookeeper could not get the memory it asked for");
        assertThat(PinotCluster.find(dir)).isEmpty();
        assertThat(FreePorts.isFree(config.zookeeperPort())).isTrue();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
