package io.fleetpulse.ingest.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, recorded with every benchmark figure so numbers from different
 * machines are never compared unknowingly.
 *
 * @param hostname local host name
 * @param availableProcessors CPUs the JVM may use
 * @param maxHeapBytes the JVM's maximum heap
 * @param totalMemoryBytes physical memory from {@code /proc/meminfo} (MemTotal), null if unknown
 * @param os operating system name
 * @param osVersion operating system version
 * @param arch CPU architecture
 * @param javaVersion Java runtime version
 * @param javaVm Java VM name and vendor
 * @param loadAverage the system load average over the last minute when the report was made (how
 *     busy the machine was; negative if unknown)
 * @param timestamp when the report was made, ISO-8601 UTC
 */
public record MachineInfo(
        String hostname,
        int availableProcessors,
        long maxHeapBytes,
        Long totalMemoryBytes,
        String os,
        String osVersion,
        String arch,
        String javaVersion,
        String javaVm,
        double loadAverage,
        String timestamp) {

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Describes the machine this JVM runs on, now. */
    public static MachineInfo current() {
        Runtime rt = Runtime.getRuntime();
        return new MachineInfo(
                localHostname(),
                rt.availableProcessors(),
                rt.maxMemory(),
                memTotalBytes(MEMINFO),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vendor") + ")",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Instant.now().toString());
    }

    /** One line for the head of a printed table. */
    public String summary() {
        String mem =
                totalMemoryBytes == null
                        ? "memory unknown"
                        : String.format(Locale.ROOT, "%.1f GiB RAM", totalMemoryBytes / GIB);
        return String.format(
                Locale.ROOT,
                "%s: %d CPUs, %s, max heap %.1f GiB, %s %s (%s), Java %s, load average %.2f",
                hostname,
                availableProcessors,
                mem,
                maxHeapBytes / GIB,
                os,
                osVersion,
                arch,
                javaVersion,
                loadAverage);
    }

    /** MemTotal from a {@code /proc/meminfo}-style file in bytes, or null when unreadable. */
    static Long memTotalBytes(Path meminfo) {
        try {
            List<String> lines = Files.readAllLines(meminfo, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    boolean kib = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
                    return kib ? value * 1024 : value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or not readable: the report says "unknown" rather than failing the bench.
        }
        return null;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
