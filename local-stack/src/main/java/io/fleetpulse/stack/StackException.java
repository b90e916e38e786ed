package io.fleetpulse.stack;

/**
 * A problem starting or stopping the local stack that the user can act on (a port in use, a
 * component that did not start); its message is printed as is, without a stack trace.
 */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
