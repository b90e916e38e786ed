package io.fleetpulse.stack.flink;

/**
 * A call to Flink's REST API failed: no answer, an error status (kept in {@link #status()}), or a
 * failed operation such as a savepoint. The message carries Flink's own explanation.
 */
public final class FlinkRestException extends RuntimeException {

    private final int status;

    public FlinkRestException(String message) {
        this(0, message);
    }

    public FlinkRestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public FlinkRestException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 if there was no answer. */
    public int status() {
        return status;
    }
}
