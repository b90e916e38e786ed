package io.fleetpulse.flink.impute.eval;

/**
 * One row of a telemetry table in stream order: vehicle, event time and d numeric values (NaN =
 * missing in the source data).
 */
public record TelemetryRow(String vehicleId, long time, double[] values) {}
