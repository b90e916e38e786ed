package io.fleetpulse.ingest.json;

/** A batch with more elements than the caller allows; thrown as soon as the limit is passed. */
public final class TooManyRecordsException extends Exception {

    private final int limit;

    public TooManyRecordsException(int limit) {
        super("batch has more than " + limit + " records");
        this.limit = limit;
    }

    /** The maximum number of records per batch that was exceeded. */
    public int limit() {
        return limit;
    }
}
