package io.fleetpulse.stack.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU use and resident memory of processes by PID, read from {@code /proc} (Linux): CPU as the
 * share of one core since the previous sample (200 % = two cores busy), memory as {@code VmRSS}. A
 * process that is gone reads as absent rather than failing the caller.
 */
public final class ProcessSampler {

    /** One process at one moment. */
    public record Sample(String name, long pid, double cpuPercent, long rssBytes) {}

    private static final Path PROC = Path.of("/proc");
    // USER_HZ: clock ticks per second of /proc/<pid>/stat times; 100 on every Linux we target.
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<Long, long[]> last = new HashMap<>();

    /**
     * Samples every process of {@code pids} (name → PID); CPU of a PID seen for the first time is
     * its average over its life so far.
     */
    public Map<String, Sample> sample(Map<String, Long> pids) {
        long now = System.nanoTime();
        Map<String, Sample> out = new LinkedHashMap<>();
        pids.forEach(
                (name, pid) -> {
                    OptionalLong ticks = cpuTicks(pid);
                    OptionalLong rss = rssBytes(pid);
                    if (ticks.isEmpty() || rss.isEmpty()) {
                        return;
                    }
                    long[] prev = last.put(pid, new long[] {ticks.getAsLong(), now});
                    double cpu;
                    if (prev == null) {
                        cpu = Double.NaN;
                    } else {
                        double seconds = (now - prev[1]) / 1e9;
                        cpu =
                                seconds <= 0
                                        ? 0
                                        : 100.0
                                                * (ticks.getAsLong() - prev[0])
                                                / TICKS_PER_SECOND
                                                / seconds;
                    }
                    out.put(name, new Sample(name, pid, cpu, rss.getAsLong()));
                });
        return out;
    }

    /** utime + stime of a process (and its threads), in clock ticks. */
    static OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // The command name (field 2) may hold spaces: fields are counted after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Resident set size in bytes. */
    static OptionalLong rssBytes(long pid) {
        try {
            for (String line :
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
