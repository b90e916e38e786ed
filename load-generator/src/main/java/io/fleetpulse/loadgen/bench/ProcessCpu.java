package io.fleetpulse.loadgen.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time used by this JVM process, for cost-per-event figures that survive a busy machine. */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Process CPU time in nanoseconds, or -1 if the JVM does not tell. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
