package io.fleetpulse.ingest.gateway;

/** The gateway refuses a whole request; turned into a JSON error with the error's status. */
public final class RequestRefusedException extends Exception {

    private final RequestError error;

    public RequestRefusedException(RequestError error, String message) {
        super(message);
        this.error = error;
    }

    public RequestError error() {
        return error;
    }
}
