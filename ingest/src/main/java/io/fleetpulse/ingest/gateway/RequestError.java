package io.fleetpulse.ingest.gateway;

/**
 * Why the gateway refused a whole request, with the HTTP status it answers. The name is the {@code
 * reason} of the JSON error body, so these names are part of the device API. (Problems of single
 * records are {@link io.fleetpulse.ingest.validate.RejectReason}s in a 200 response instead.)
 */
public enum RequestError {
    /** The body cannot be read as a batch at all (its bytes go to the dead-letter topic). */
    MALFORMED(400),
    /** A body without records. */
    EMPTY_BATCH(400),
    /** No route for the path. */
    NOT_FOUND(404),
    /** The path exists, the method does not. */
    METHOD_NOT_ALLOWED(405),
    /** Body larger than the configured maximum. */
    BODY_TOO_LARGE(413),
    /** More records in one batch than the configured maximum. */
    TOO_MANY_RECORDS(413),
    /** Content-Type neither JSON nor the Avro batch type. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** An unexpected server fault (details only in the server log). */
    INTERNAL(500),
    /** Kafka did not acknowledge the writes in time; the client should retry the batch. */
    KAFKA_UNAVAILABLE(503);

    private final int status;

    RequestError(int status) {
        this.status = status;
    }

    /** The HTTP status code answered for this error. */
    public int status() {
        return status;
    }
}
