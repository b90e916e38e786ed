package io.fleetpulse.learner.servable;

/**
 * Bytes that are not a valid model snapshot or standardizer of a format this build reads: wrong
 * magic, an unsupported format version, a checksum mismatch (corruption), truncation or values that
 * break the format's rules. The message says which.
 */
public final class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
