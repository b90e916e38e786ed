package io.fleetpulse.ingest.validate;

/**
 * One reason a record is invalid.
 *
 * @param reason the machine-readable reason
 * @param field the offending field, or null if it concerns the whole record
 * @param detail a readable sentence naming the field and the value
 */
public record Violation(RejectReason reason, String field, String detail) {

    @Override
    public String toString() {
        return reason + (field == null ? "" : "(" + field + ")") + ": " + detail;
    }
}
