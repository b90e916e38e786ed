package io.fleetpulse.ingest.validate;

/**
 * Why FleetPulse rejected a record. The name is the {@code reasonCode} written to the dead-letter
 * topic and returned to devices, so these names are part of the public contract.
 */
public enum RejectReason {
    /** The bytes or JSON could not be parsed at all. */
    MALFORMED,
    /** Avro single-object encoding with a schema fingerprint no released version has. */
    UNKNOWN_SCHEMA,
    /** A field the contract does not have. */
    UNKNOWN_FIELD,
    /** A field of the wrong type (e.g. a string where a number belongs). */
    WRONG_TYPE,
    /** vehicleId or driverId missing or blank. */
    MISSING_ID,
    /** eventTime or seq missing. */
    MISSING_FIELD,
    /** A sensor reading outside its physically plausible range, or not finite. */
    OUT_OF_RANGE,
    /** eventTime too far in the future (device clock wrong). */
    FUTURE_TIMESTAMP,
    /** eventTime older than the accepted age. */
    STALE_TIMESTAMP,
    /** A negative sequence number. */
    BAD_SEQUENCE,
    /** Arrived after the allowed lateness of the event-time pipeline. */
    LATE
}
