package io.fleetpulse.stack.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per thread group between two samples: where the time goes in this JVM. Flink names its
 * task threads after the operator chain they run, so groups are operator chains (subtask numbers
 * stripped), plus Kafka clients, RocksDB, and the rest.
 */
final class ThreadCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    void begin() {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                start.put(id, cpu);
            }
        }
    }

    /** CPU seconds per group since {@link #begin}, largest first. */
    Map<String, Double> end() {
        Map<String, Double> byGroup = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            names.put(id, info.getThreadName());
            double seconds = (cpu - start.getOrDefault(id, 0L)) / 1e9;
            byGroup.merge(group(info.getThreadName()), seconds, Double::sum);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The thread group of the benchmark's own simulator and measuring readers. */
    static final String DRIVER = "benchmark driver (simulator, readers)";

    static String group(String thread) {
        String t = thread.replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "").replaceAll("-\\d+$", "");
        if (t.startsWith("kafka-producer-network-thread")) {
            return "Kafka producers (sinks)";
        }
        if (t.contains("Source Data Fetcher") || t.startsWith("kafka-coordinator")) {
            return "Kafka source fetchers";
        }
        if (t.startsWith("rocksdb") || t.contains("RocksDB")) {
            return "RocksDB";
        }
        if (t.startsWith("bench-") || t.equals("main")) {
            return DRIVER;
        }
        return t.length() > 90 ? t.substring(0, 87) + "..." : t;
    }
}
