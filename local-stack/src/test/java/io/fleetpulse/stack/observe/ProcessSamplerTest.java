package io.fleetpulse.stack.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads this JVM's own CPU and memory from /proc and agrees with the JVM's own CPU clock; a dead
 * PID is skipped, not an error.
 */
class ProcessSamplerTest {

    @Test
    void cpuShareMatchesTheJvmsOwnCpuClockAndMemoryIsResident() {
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProcessSampler sampler = new ProcessSampler();
        long self = ProcessHandle.current().pid();
        Map<String, Long> pids = Map.of("self", self, "gone", Long.MAX_VALUE / 2);

        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        ProcessSampler.Sample first = sampler.sample(pids).get("self");
        assertThat(first.cpuPercent()).isNaN();
        assertThat(first.rssBytes()).isGreaterThan(10L << 20);

        // Burn at least 400 ms of CPU (however long that takes on a busy machine).
        double sink = 0;
        while (os.getProcessCpuTime() - cpu0 < 400_000_000L) {
            for (int i = 0; i < 100_000; i++) {
                sink += Math.sqrt(sink + i);
            }
        }
        Map<String, ProcessSampler.Sample> second = sampler.sample(pids);
        double expected = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);

        assertThat(second).containsOnlyKeys("self");
        assertThat(second.get("self").cpuPercent()).isCloseTo(expected, within(expected * 0.2 + 5));
        assertThat(sink).isPositive();
    }

    @Test
    void aProcessCountsWithItsChildren() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            ProcessSampler sampler = new ProcessSampler();
            Map<String, Long> pids = Map.of("tree", ProcessHandle.current().pid());
            assertThat(sampler.sample(pids).get("tree").processes()).isGreaterThanOrEqualTo(2);
            long wall0 = System.nanoTime();
            long child0 = ProcessSampler.cpuTicks(child.pid()).orElseThrow();
            // Let the child burn at least 300 ms of CPU (however long that takes).
            while (ProcessSampler.cpuTicks(child.pid()).orElseThrow() - child0 < 30) {
                Thread.sleep(20);
            }
            long childTicks = ProcessSampler.cpuTicks(child.pid()).orElseThrow() - child0;
            ProcessSampler.Sample tree = sampler.sample(pids).get("tree");
            double childShare = 100.0 * childTicks / 100.0 / ((System.nanoTime() - wall0) / 1e9);

            assertThat(tree.processes()).isGreaterThanOrEqualTo(2);
            assertThat(tree.cpuPercent())
                    .as("the tree's CPU includes the busy child's")
                    .isGreaterThanOrEqualTo(childShare * 0.8);
            assertThat(tree.rssBytes())
                    .isGreaterThan(ProcessSampler.rssBytes(child.pid()).orElseThrow());

            Map<String, ProcessSampler.Sample> apart =
                    new ProcessSampler()
                            .sample(
                                    Map.of(
                                            "tree",
                                            ProcessHandle.current().pid(),
                                            "child",
                                            child.pid()));
            assertThat(apart.get("tree").processes())
                    .as("a child sampled under its own name counts there only")
                    .isEqualTo(tree.processes() - 1);
            assertThat(apart.get("child").processes()).isEqualTo(1);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
