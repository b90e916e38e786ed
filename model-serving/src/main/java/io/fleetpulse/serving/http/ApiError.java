package io.fleetpulse.serving.http;

/**
 * Every reason model-serving refuses a request for, with its HTTP status. The JSON error body
 * carries the name as {@code reason}, so clients switch on it rather than on message text.
 */
public enum ApiError {
    /** The body is not JSON, or not of the expected shape. */
    MALFORMED(400),
    /** A required field is absent or null. */
    MISSING(400),
    /** A field holds something other than a number. */
    NON_NUMERIC(400),
    /** A number is NaN or infinite. */
    NOT_FINITE(400),
    /** A raw input vector has the wrong number of values. */
    WRONG_LENGTH(400),
    /** A field this model's features do not have. */
    UNKNOWN_FIELD(400),
    /** A value outside what makes sense (e.g. window end before start). */
    INVALID(400),
    /** A batch without vectors. */
    EMPTY_BATCH(400),
    /** No or an unknown bearer token. */
    UNAUTHORIZED(401),
    /** No such model. */
    UNKNOWN_MODEL(404),
    /** The model exists, that version is not held. */
    UNKNOWN_VERSION(404),
    /** Pinned to a version whose snapshot is not loaded. */
    PINNED_VERSION_NOT_LOADED(503),
    /** No such endpoint. */
    NOT_FOUND(404),
    /** Endpoint exists, method does not. */
    METHOD_NOT_ALLOWED(405),
    /** Body or batch over the limit. */
    TOO_LARGE(413),
    /** Content type other than JSON. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The model has no version yet, or too many alert streams are open. */
    UNAVAILABLE(503),
    /** A bug; the log has the details. */
    INTERNAL(500);

    private final int status;

    ApiError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
