package io.fleetpulse.ingest.wire;

/**
 * Bytes that are not a valid FleetPulse record; carries a reason code for the dead-letter topic.
 */
public final class WireFormatException extends RuntimeException {

    private final String reasonCode;

    public WireFormatException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** Reason code as written to the dead-letter topic, e.g. {@code MALFORMED}. */
    public String reasonCode() {
        return reasonCode;
    }
}
