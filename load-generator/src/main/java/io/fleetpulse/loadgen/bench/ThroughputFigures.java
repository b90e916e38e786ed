package io.fleetpulse.loadgen.bench;

/**
 * Figures of one throughput run: events per second, megabytes per second (values only, 2^20 bytes),
 * send-to-acknowledgement latency in milliseconds, and events per CPU-second of the sending JVM
 * (the client's cost per event, which unlike the rate does not depend on how busy a shared machine
 * is; NaN if unknown).
 */
public record ThroughputFigures(
        long events,
        double eventsPerSecond,
        double megabytesPerSecond,
        double avgMs,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double eventsPerCpuSecond) {

    /** The same figures with the client's events per CPU-second. */
    public ThroughputFigures withEventsPerCpuSecond(double value) {
        return new ThroughputFigures(
                events,
                eventsPerSecond,
                megabytesPerSecond,
                avgMs,
                p50Ms,
                p99Ms,
                p999Ms,
                maxMs,
                value);
    }
}
