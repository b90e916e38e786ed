package io.fleetpulse.serving.models;

import java.util.NoSuchElementException;

/**
 * A request named a model or version the registry cannot serve; the HTTP layer answers 404 with
 * {@link #reason()} and the message.
 */
public final class UnknownModelException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    /** Why nothing could be served. */
    public enum Reason {
        /** No snapshot of this model has arrived (and none is pinned). */
        UNKNOWN_MODEL,
        /** The model is known, but that version is not among those kept in memory. */
        UNKNOWN_VERSION,
        /** The model is pinned to a version whose snapshot is not loaded (e.g. after a restart). */
        PINNED_VERSION_NOT_LOADED
    }

    private final Reason reason;
    private final String model;

    public UnknownModelException(Reason reason, String model, String message) {
        super(message);
        this.reason = reason;
        this.model = model;
    }

    public Reason reason() {
        return reason;
    }

    public String model() {
        return model;
    }
}
