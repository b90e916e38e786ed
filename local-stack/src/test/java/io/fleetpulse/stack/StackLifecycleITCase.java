package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.component.LearnerComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fleet up}, {@code status}, a second {@code up} and {@code down} as a user runs them: real
 * JVMs started from the packaged module's classpath, into a test-only work directory on free ports.
 * Afterwards no process of the stack may be left.
 */
class StackLifecycleITCase {

    @RegisterExtension final TestStack stack = new TestStack();

    private FleetRun fleet(String... args) {
        return stack.fleet(args);
    }

    @Test
    void upStatusSecondUpAndDownLeaveNoProcess() throws Exception {
        int kafkaPort = Ports.freePort();
        int controllerPort = Ports.freePort();
        int gatewayPort = Ports.freePort();
        String[] up = {
            "up",
            "--no-pinot", // PinotStackITCase covers Pinot
            "--kafka-port",
            Integer.toString(kafkaPort),
            "--controller-port",
            Integer.toString(controllerPort),
            "--gateway-port",
            Integer.toString(gatewayPort),
            "--retention-bytes",
            "64MiB",
            "--no-model-serving"
        };

        FleetRun first = fleet(up);
        assertThat(first.rc()).as(first.out() + first.err()).isZero();
        List<ComponentState> started = StackState.load(stack.layout()).components();
        assertThat(started)
                .extracting(ComponentState::name)
                .containsExactly(
                        StackManager.KAFKA,
                        StackManager.GATEWAY,
                        StackManager.FEATURE_JOB,
                        LearnerComponent.NAME);
        assertThat(first.out()).contains("started", "127.0.0.1:" + kafkaPort, "CREATED");
        for (ComponentState c : started) {
            assertThat(Processes.isOurs(c, stack.layout().workDir())).as(c.name()).isTrue();
            assertThat(Processes.commandLine(c.pid()).orElseThrow())
                    .contains("-Djava.io.tmpdir=" + stack.layout().tmpDir());
        }

        String bootstrap = "127.0.0.1:" + kafkaPort;
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics)
                    .containsAll(Topics.DEFAULT.all().stream().map(TopicSpec::name).toList());
        }

        HttpResponse<String> health =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + gatewayPort
                                                                + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        FleetRun again = fleet(up);
        assertThat(again.rc()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("already running", "nothing started", "UNCHANGED");
        assertThat(StackState.load(stack.layout()).components()).isEqualTo(started);

        FleetRun status = fleet("status");
        assertThat(status.rc()).isZero();
        assertThat(status.out())
                .contains(
                        "kafka",
                        "yes",
                        bootstrap,
                        Topics.DEFAULT.raw().name(),
                        StackManager.FEATURE_JOB);

        FleetRun down = fleet("down", "--purge");
        assertThat(down.rc()).as(down.out() + down.err()).isZero();
        for (ComponentState c : started) {
            assertThat(Processes.isAlive(c.pid())).as(c.name() + " pid " + c.pid()).isFalse();
        }
        assertThat(Files.exists(stack.layout().stateFile())).isFalse();
        assertThat(Files.exists(stack.layout().kafkaDataDir())).isFalse();
        assertThat(Ports.isFree(kafkaPort)).isTrue();
        assertThat(Ports.isFree(gatewayPort)).isTrue();

        FleetRun statusAfter = fleet("status");
        assertThat(statusAfter.out()).contains("no stack running");
    }
}
