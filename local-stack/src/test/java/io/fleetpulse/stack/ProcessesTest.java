package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    private static final String MAIN = "io.fleetpulse.test.FakeMain";
    private static final Path WORK = Path.of("/work/some/project/work");

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private ComponentState recorded(Process p, String main, Instant startedAt) {
        return new ComponentState("x", p.pid(), main, "127.0.0.1:1", 1, 0, "x.log", startedAt);
    }

    @Test
    void liveProcessWithOurMainClassAndWorkDirIsOurs() {
        process = TestProcesses.sleeper(MAIN, WORK.toString(), false);
        Instant started = Processes.startTime(process.pid()).orElseThrow();
        assertThat(Processes.isAlive(process.pid())).isTrue();
        assertThat(Processes.commandLine(process.pid()))
                .get()
                .asString()
                .contains(MAIN, WORK.toString());
        assertThat(Processes.isOurs(recorded(process, MAIN, started), WORK)).isTrue();
    }

    @Test
    void otherWorkDirOtherMainClassOrOtherStartTimeIsNotOurs() {
        process = TestProcesses.sleeper(MAIN, WORK.toString(), false);
        Instant started = Processes.startTime(process.pid()).orElseThrow();
        assertThat(Processes.isOurs(recorded(process, MAIN, started), Path.of("/elsewhere/work")))
                .isFalse();
        assertThat(Processes.isOurs(recorded(process, "io.fleetpulse.Other", started), WORK))
                .isFalse();
        // Same PID, but started an hour earlier than recorded: the PID was reused.
        assertThat(Processes.isOurs(recorded(process, MAIN, started.plusSeconds(3600)), WORK))
                .isFalse();
    }

    @Test
    void thisTestJvmIsNeverOurs() {
        ComponentState self =
                new ComponentState(
                        "kafka",
                        ProcessHandle.current().pid(),
                        StackManager.KAFKA_MAIN,
                        "127.0.0.1:1",
                        1,
                        0,
                        "x.log",
                        null);
        assertThat(Processes.isOurs(self, WORK)).isFalse();
    }

    @Test
    void deadProcessIsNotAliveAndNotOurs() throws Exception {
        process = TestProcesses.sleeper(MAIN, WORK.toString(), false);
        Instant started = Processes.startTime(process.pid()).orElseThrow();
        process.destroy();
        process.waitFor();
        assertThat(Processes.isAlive(process.pid())).isFalse();
        assertThat(Processes.isOurs(recorded(process, MAIN, started), WORK)).isFalse();
    }

    @Test
    void stopEndsAProcessWithSigterm() throws Exception {
        process = TestProcesses.sleeper(MAIN, WORK.toString(), false);
        assertThat(Processes.stop(process.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(process.waitFor()).isEqualTo(128 + 15);
    }

    @Test
    void stopFallsBackToSigkillWhenSigtermIsIgnored() throws Exception {
        process = TestProcesses.sleeper(MAIN, WORK.toString(), true);
        assertThat(Processes.stop(process.pid(), Duration.ofMillis(300))).isTrue();
        assertThat(process.waitFor()).isEqualTo(128 + 9);
    }
}
