package io.fleetpulse.pinot;

import java.util.List;

/** Pinot answered a query with errors (bad SQL, unknown table, ...): its messages, verbatim. */
public final class PinotQueryException extends PinotException {

    private final List<String> errors;

    public PinotQueryException(List<String> errors) {
        super("Pinot rejected the query: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
