package io.fleetpulse.loadgen.bench;

/**
 * Figures of one throughput run: events per second, megabytes per second (values only, 2^20 bytes)
 * and send-to-acknowledgement latency in milliseconds.
 */
public record ThroughputFigures(
        long events,
        double eventsPerSecond,
        double megabytesPerSecond,
        double avgMs,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs) {}
