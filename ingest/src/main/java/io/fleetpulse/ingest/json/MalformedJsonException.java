package io.fleetpulse.ingest.json;

/**
 * A JSON body that cannot be read as a batch at all (syntax error, not an array, trailing content).
 * Element-level problems are not exceptions: they become violations of that element.
 */
public final class MalformedJsonException extends Exception {

    public MalformedJsonException(String message) {
        super(message);
    }

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
