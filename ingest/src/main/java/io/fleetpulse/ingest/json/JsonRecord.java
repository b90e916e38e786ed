package io.fleetpulse.ingest.json;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.Violation;
import java.util.Arrays;
import java.util.List;

/**
 * One element of a JSON telemetry batch as {@link TelemetryJsonReader} read it: either a decoded
 * event (no violations) or the structural violations that stopped it, plus where its text sits in
 * the body so a rejected element can go to the dead-letter topic byte for byte.
 *
 * @param event the decoded event, or null when {@code violations} is not empty
 * @param vehicleId the vehicle id if the element carried a string one (also for rejected elements)
 * @param violations what is structurally wrong (unknown field, wrong type, missing field/id)
 * @param offset byte offset of the element's first byte in the body
 * @param length byte length of the element's text
 */
public record JsonRecord(
        TelemetryEvent event,
        String vehicleId,
        List<Violation> violations,
        int offset,
        int length) {

    public JsonRecord {
        violations = List.copyOf(violations);
        if ((event == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("either an event or violations, not both");
        }
    }

    /** Whether the element decoded into an event (it may still fail validation). */
    public boolean decoded() {
        return event != null;
    }

    /** The element's original text, copied out of {@code body}. */
    public byte[] originalBytes(byte[] body) {
        return Arrays.copyOfRange(body, offset, offset + length);
    }
}
