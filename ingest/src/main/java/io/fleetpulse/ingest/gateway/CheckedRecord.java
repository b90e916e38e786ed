package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.Violation;
import java.util.List;

/**
 * One record of a batch after decoding and validation: valid (an event to write to the raw topic)
 * or rejected (violations, and the record's original bytes for the dead-letter topic).
 *
 * @param event the decoded event; null when it could not be decoded
 * @param vehicleId the vehicle id if known (the Kafka key of either topic)
 * @param violations empty for a valid record
 * @param original the record's bytes exactly as received (JSON element text or Avro frame); kept
 *     for every rejected record, may be null for a valid one
 */
public record CheckedRecord(
        TelemetryEvent event, String vehicleId, List<Violation> violations, byte[] original) {

    public CheckedRecord {
        violations = List.copyOf(violations);
    }

    /** Whether the record goes to the raw topic. */
    public boolean valid() {
        return violations.isEmpty();
    }
}
