package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.stack.component.KafkaComponent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the manager does without starting anything: port checks, refusing to kill strangers, and
 * what {@code down --purge} deletes.
 */
class StackManagerTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private StackManager manager() {
        StackLayout layout = new StackLayout(dir);
        return new StackManager(layout, new JvmLauncher(layout, "does-not-matter"));
    }

    @Test
    void aTakenKafkaPortIsAClearErrorNamingThePortAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            StackConfig config =
                    new StackConfig(
                            port,
                            Ports.freePort(),
                            Ports.freePort(),
                            64L << 20,
                            Set.of(StackManager.GATEWAY, StackManager.FEATURE_JOB),
                            Duration.ofSeconds(5));
            assertThatThrownBy(() -> manager().up(config, out))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("in use")
                    .hasMessageContaining("--kafka-port");
        }
        assertThat(StackState.load(new StackLayout(dir)).components()).isEmpty();
    }

    @Test
    void downLeavesARecordedPidAloneWhenItIsNotOurs() {
        StackLayout layout = new StackLayout(dir);
        long self = ProcessHandle.current().pid();
        StackState.empty(layout)
                .with(
                        new ComponentState(
                                StackManager.KAFKA,
                                self,
                                StackManager.KAFKA_MAIN,
                                "127.0.0.1:1",
                                1,
                                0,
                                "k.log",
                                Instant.now()))
                .save(layout);
        assertThat(manager().down(false, out)).isEmpty();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("left alone");
        assertThat(StackState.load(layout).components()).isEmpty();
    }

    @Test
    void downStopsARecordedProcessThatIsOurs() throws Exception {
        StackLayout layout = new StackLayout(dir);
        Process p =
                TestProcesses.sleeper(StackManager.KAFKA_MAIN, layout.workDir().toString(), false);
        try {
            StackState.empty(layout)
                    .with(
                            new ComponentState(
                                    StackManager.KAFKA,
                                    p.pid(),
                                    StackManager.KAFKA_MAIN,
                                    "127.0.0.1:1",
                                    1,
                                    0,
                                    "k.log",
                                    Processes.startTime(p.pid()).orElseThrow()))
                    .save(layout);
            assertThat(manager().down(false, out)).containsExactly(p.pid());
            assertThat(p.isAlive()).isFalse();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void segmentsAreSmallerThanRetention() {
        assertThat(KafkaComponent.segmentBytes(256L << 20)).isEqualTo(64L << 20);
        assertThat(KafkaComponent.segmentBytes(8L << 30)).isEqualTo(128L << 20);
        assertThat(KafkaComponent.segmentBytes(2L << 20)).isEqualTo(1L << 20);
    }

    @Test
    void purgeDeletesKafkasLogAndEverythingDerivedFromItButNotTheServingToken() throws Exception {
        StackLayout layout = new StackLayout(dir);
        Path stack = layout.stackDir();
        List<Path> derived =
                List.of(
                        stack.resolve("kafka/meta.properties"),
                        stack.resolve("data/pinot/zk/version-2"),
                        stack.resolve("checkpoints/feature-job/0a1b/chk-7/_metadata"),
                        stack.resolve("flink/savepoints/feature-job/savepoint-1/_metadata"),
                        stack.resolve("logs/kafka.log"));
        Path token = stack.resolve("serving/model-serving/token");
        for (Path f : Stream.concat(derived.stream(), Stream.of(token)).toList()) {
            Files.createDirectories(f.getParent());
            Files.writeString(f, "x");
        }

        manager().down(true, out);

        for (Path f : derived) {
            assertThat(f).as("purged").doesNotExist();
        }
        assertThat(stack.resolve("checkpoints")).doesNotExist();
        assertThat(stack.resolve("flink")).doesNotExist();
        assertThat(token).exists();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("purged")
                .contains(stack.resolve("checkpoints").toString());
    }
}
