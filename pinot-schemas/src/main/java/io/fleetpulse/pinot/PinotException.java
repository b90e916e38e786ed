package io.fleetpulse.pinot;

/**
 * Pinot refused a request or could not be reached; the message is Pinot's own (or says which
 * address did not answer), fit to print to a user as is.
 */
public class PinotException extends RuntimeException {

    public PinotException(String message) {
        super(message);
    }
}
