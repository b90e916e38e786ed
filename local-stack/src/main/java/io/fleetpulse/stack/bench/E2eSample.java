package io.fleetpulse.stack.bench;

import io.fleetpulse.stack.observe.ProcessSampler;
import java.util.Map;

/**
 * One second (or sampling interval) of {@code fleet bench e2e}: rates, lag, the interval's p99
 * latencies (NaN when nothing arrived), Pinot's freshness (-1 when not read) and every process.
 *
 * @param seconds since the load started
 * @param measured false during warm-up
 * @param offered events/s the broker acknowledged from the simulator
 * @param processed imputed events/s made readable downstream: growth of the imputed topic's last
 *     stable offsets (what a read_committed consumer can read; commit markers, one per partition
 *     and checkpoint, included)
 * @param lag consumer lag per consumer group, records
 */
public record E2eSample(
        double seconds,
        boolean measured,
        double offered,
        double processed,
        Map<String, Long> lag,
        double imputedP99,
        double featuresP99,
        double alertsP99,
        long pinotFreshnessMs,
        Map<String, ProcessSampler.Sample> processes) {

    /** Consumer lag summed over the groups. */
    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Resident memory summed over the processes. */
    public long totalRss() {
        return processes.values().stream().mapToLong(ProcessSampler.Sample::rssBytes).sum();
    }
}
