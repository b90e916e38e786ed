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
}
