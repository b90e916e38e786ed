package io.fleetpulse.stack.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * CPU use and resident memory of processes by PID, each with all its descendants (a stack component
 * such as Pinot is a supervising JVM whose ZooKeeper, controller, broker and server are its child
 * JVMs), read from {@code /proc} (Linux): CPU as the share of one core since the previous sample
 * (200 % = two cores busy), memory as the sum of {@code VmRSS}. A process that is gone reads as
 * absent rather than failing the caller.
 */
public final class ProcessSampler {

    /**
     * One process and its descendants at one moment.
     *
     * @param processes how many processes the figures sum (1 + descendants)
     */
    public record Sample(String name, long pid, double cpuPercent, long rssBytes, int processes) {}

    private static final Path PROC = Path.of("/proc");
    // USER_HZ: clock ticks per second of /proc/<pid>/stat times; 100 on every Linux we target.
    private static final double TICKS_PER_SECOND = 100.0;

    /** Per sampled root PID: when it was last sampled and its tree's CPU ticks by PID then. */
    private final Map<Long, Long> lastTime = new HashMap<>();

    private final Map<Long, Map<Long, Long>> lastTicks = new HashMap<>();

    /**
     * Samples every process of {@code pids} (name → PID) with its descendants (but not those that
     * are in {@code pids} themselves: the stack's components are children of the CLI that started
     * them, and count once, under their own name); CPU of a PID seen for the first time is unknown
     * (NaN). A descendant born since the previous sample counts with all its CPU time, one that
     * ended since then no longer counts.
     */
    public Map<String, Sample> sample(Map<String, Long> pids) {
        long now = System.nanoTime();
        Set<Long> roots = new HashSet<>(pids.values());
        Map<String, Sample> out = new LinkedHashMap<>();
        pids.forEach(
                (name, pid) -> {
                    OptionalLong rootTicks = cpuTicks(pid);
                    OptionalLong rootRss = rssBytes(pid);
                    if (rootTicks.isEmpty() || rootRss.isEmpty()) {
                        return;
                    }
                    Map<Long, Long> ticks = new HashMap<>();
                    ticks.put(pid, rootTicks.getAsLong());
                    long rss = rootRss.getAsLong();
                    for (long child : descendants(pid, roots)) {
                        OptionalLong t = cpuTicks(child);
                        OptionalLong r = rssBytes(child);
                        if (t.isPresent() && r.isPresent()) {
                            ticks.put(child, t.getAsLong());
                            rss += r.getAsLong();
                        }
                    }
                    Map<Long, Long> prev = lastTicks.put(pid, ticks);
                    Long prevTime = lastTime.put(pid, now);
                    double cpu = Double.NaN;
                    if (prev != null) {
                        double seconds = (now - prevTime) / 1e9;
                        long delta = 0;
                        for (Map.Entry<Long, Long> e : ticks.entrySet()) {
                            delta += Math.max(0, e.getValue() - prev.getOrDefault(e.getKey(), 0L));
                        }
                        cpu = seconds <= 0 ? 0 : 100.0 * delta / TICKS_PER_SECOND / seconds;
                    }
                    out.put(name, new Sample(name, pid, cpu, rss, ticks.size()));
                });
        return out;
    }

    /** {@code pid}'s descendants, leaving out those sampled on their own, with theirs. */
    private static List<Long> descendants(long pid, Set<Long> roots) {
        List<Long> out = new ArrayList<>();
        Deque<ProcessHandle> todo = new ArrayDeque<>();
        ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(todo::add));
        while (!todo.isEmpty()) {
            ProcessHandle h = todo.pop();
            if (!roots.contains(h.pid())) {
                out.add(h.pid());
                h.children().forEach(todo::add);
            }
        }
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
