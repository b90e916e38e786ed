package io.fleetpulse.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The supervisor passes the jobs' own options on and keeps its own for itself. */
class FlinkJobsSupervisorTest {

    @Test
    void passesOnlyTheJobsOptionsOnInTheirOrder() {
        String[] args = {
            FlinkJobsSupervisor.REST_OPTION,
            "http://127.0.0.1:18081",
            FlinkJobsSupervisor.BOOTSTRAP_OPTION,
            "127.0.0.1:19092",
            "--fleet.checkpoint.interval",
            "200 ms",
            FlinkJobsSupervisor.PROJECT_DIR_OPTION,
            "/p",
            "--fleet.parallelism",
            "1"
        };
        assertThat(FlinkJobsSupervisor.jobOptions(args))
                .containsExactly(
                        "--fleet.checkpoint.interval", "200 ms", "--fleet.parallelism", "1");
    }

    @Test
    void noJobOptionsGivesNone() {
        assertThat(
                        FlinkJobsSupervisor.jobOptions(
                                new String[] {FlinkJobsSupervisor.REST_OPTION, "http://x"}))
                .isEmpty();
    }
}
