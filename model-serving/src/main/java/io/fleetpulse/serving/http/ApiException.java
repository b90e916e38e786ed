package io.fleetpulse.serving.http;

/**
 * A refused request: the HTTP layer answers {@code {"error": message, "reason": ..., "field": ...,
 * "index": ...}} with the reason's status. {@code field} and {@code index} (position in a batch)
 * are included when known.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ApiError error;
    private final String field;
    private final int index;

    public ApiException(ApiError error, String message) {
        this(error, null, -1, message);
    }

    public ApiException(ApiError error, String field, int index, String message) {
        super(message, null, false, false);
        this.error = error;
        this.field = field;
        this.index = index;
    }

    /** The same error at position {@code index} of a batch. */
    public ApiException at(int index) {
        return new ApiException(error, field, index, "vector " + index + ": " + getMessage());
    }

    public ApiError error() {
        return error;
    }

    /** The offending field, or null. */
    public String field() {
        return field;
    }

    /** The position in a batch, or -1. */
    public int index() {
        return index;
    }
}
