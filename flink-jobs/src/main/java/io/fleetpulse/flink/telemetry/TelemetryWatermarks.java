package io.fleetpulse.flink.telemetry;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for raw telemetry: bounded out-of-orderness, per Kafka partition, with
 * idleness so a silent partition does not stall the job. Undecodable records, and events whose time
 * is implausibly far in the future (they will be dead-lettered), do not move event time.
 */
public final class TelemetryWatermarks {

    private TelemetryWatermarks() {}

    public static WatermarkStrategy<RawTelemetry> strategy(
            Duration outOfOrderness, Duration idleness, Duration maxClockSkew) {
        long skew = maxClockSkew.toMillis();
        SerializableTimestampAssigner<RawTelemetry> assigner =
                (raw, kafkaTimestamp) -> {
                    if (!raw.isDecoded()) {
                        return Long.MIN_VALUE;
                    }
                    long t = raw.getEvent().getEventTime();
                    return t > System.currentTimeMillis() + skew ? Long.MIN_VALUE : t;
                };
        return WatermarkStrategy.<RawTelemetry>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(assigner)
                .withIdleness(idleness);
    }
}
