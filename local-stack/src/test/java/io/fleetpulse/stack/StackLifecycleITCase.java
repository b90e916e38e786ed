package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.component.LearnerComponent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet up}, {@code status}, a second {@code up} and {@code down} as a user runs them: real
 * JVMs started from the packaged module's classpath, into a test-only work directory on free ports.
 * Afterwards no process of the stack may be left.
 */
class StackLifecycleITCase {

    private StackLayout layout;
    private String classpath;

    @BeforeEach
    void setUp() throws IOException {
        Path work = Path.of(System.getProperty("fleet.work.dir", "target"));
        layout = new StackLayout(work.resolve("test-stack").resolve(UUID.randomUUID().toString()));
        classpath = packagedClasspath();
    }

    /** The classpath the fleet script uses: this module's jar plus the generated classpath file. */
    static String packagedClasspath() throws IOException {
        Path target = Path.of(System.getProperty("fleet.module.target", "target"));
        try (Stream<Path> files = Files.list(target)) {
            Path jar =
                    files.filter(p -> p.getFileName().toString().matches("local-stack-.*\\.jar"))
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalStateException("no module jar in " + target));
            return jar + ":" + Files.readString(target.resolve("fleet.classpath")).strip();
        }
    }

    /**
     * Stops anything a failed test left behind (only what passes the ownership check), then
     * deletes.
     */
    @AfterEach
    void tearDown() throws IOException {
        new StackManager(layout, new JvmLauncher(layout, classpath))
                .stop(StackState.load(layout).components(), new PrintStream(OutputStream()));
        if (Files.exists(layout.workDir())) {
            try (Stream<Path> paths = Files.walk(layout.workDir())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static java.io.OutputStream OutputStream() {
        return java.io.OutputStream.nullOutputStream();
    }

    private FleetRun fleet(String... args) {
        return FleetRun.of(layout, classpath, args);
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
        List<ComponentState> started = StackState.load(layout).components();
        assertThat(started)
                .extracting(ComponentState::name)
                .containsExactly(
                        StackManager.KAFKA,
                        StackManager.GATEWAY,
                        StackManager.FEATURE_JOB,
                        LearnerComponent.NAME);
        assertThat(first.out()).contains("started", "127.0.0.1:" + kafkaPort, "CREATED");
        for (ComponentState c : started) {
            assertThat(Processes.isOurs(c, layout.workDir())).as(c.name()).isTrue();
            assertThat(Processes.commandLine(c.pid()).orElseThrow())
                    .contains("-Djava.io.tmpdir=" + layout.tmpDir());
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
        assertThat(StackState.load(layout).components()).isEqualTo(started);

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
        assertThat(Files.exists(layout.stateFile())).isFalse();
        assertThat(Files.exists(layout.kafkaDataDir())).isFalse();
        assertThat(Ports.isFree(kafkaPort)).isTrue();
        assertThat(Ports.isFree(gatewayPort)).isTrue();

        FleetRun statusAfter = fleet("status");
        assertThat(statusAfter.out()).contains("no stack running");
    }
}
