package io.fleetpulse.embedded.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every listener is declared on 127.0.0.1; none of the legacy all-interfaces port keys is used. */
class NodeConfigsTest {

    private final PinotClusterConfig config = PinotClusterConfig.defaults(Path.of("/w/pinot"));
    private final ClusterLayout layout = new ClusterLayout(Path.of("/w/pinot"));

    @Test
    void everyNodeListensOnLoopbackOnly() {
        assertThat(NodeConfigs.zookeeper(config, layout))
                .containsEntry("clientPortAddress", "127.0.0.1")
                .containsEntry("admin.enableServer", "false");
        assertThat(NodeConfigs.controller(config, layout))
                .containsEntry("controller.access.protocols.http.host", "127.0.0.1")
                .containsEntry("controller.access.protocols.http.port", "19000")
                .doesNotContainKey("controller.port");
        assertThat(NodeConfigs.broker(config))
                .containsEntry("pinot.broker.client.access.protocols.http.host", "127.0.0.1")
                .doesNotContainKey("pinot.broker.client.queryPort");
        assertThat(NodeConfigs.server(config, layout))
                .containsEntry("pinot.server.netty.host", "127.0.0.1")
                .containsEntry("pinot.server.adminapi.access.protocols.http.host", "127.0.0.1")
                .containsEntry("pinot.server.grpc.enable", "false")
                .doesNotContainKey("pinot.server.adminapi.port");
    }

    @Test
    void dataStaysUnderTheClusterDirectory() {
        List<Map<String, String>> all =
                List.of(
                        NodeConfigs.zookeeper(config, layout),
                        NodeConfigs.controller(config, layout),
                        NodeConfigs.server(config, layout));
        for (Map<String, String> props : all) {
            props.forEach(
                    (k, v) -> {
                        if (k.toLowerCase().contains("dir")) {
                            assertThat(v).as(k).startsWith("/w/pinot/");
                        }
                    });
        }
    }

    @Test
    void ephemeralConfigsGetDistinctFreePorts() {
        PinotClusterConfig c = PinotClusterConfig.ephemeral(Path.of("/w/x"));

        assertThat(
                        List.of(
                                c.zookeeperPort(),
                                c.controllerPort(),
                                c.brokerPort(),
                                c.serverPort(),
                                c.serverAdminPort()))
                .doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isPositive());
        assertThat(c.stopOnJvmExit()).isTrue();
    }
}
