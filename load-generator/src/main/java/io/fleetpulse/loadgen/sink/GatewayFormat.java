package io.fleetpulse.loadgen.sink;

/** The two body formats of the ingest gateway's {@code POST /v1/telemetry}. */
public enum GatewayFormat {
    /** Length-prefixed frames, each one Avro single-object-encoded event. */
    AVRO("application/vnd.fleetpulse.telemetry+avro"),
    /** A JSON array of events with the Avro field names. */
    JSON("application/json");

    private final String contentType;

    GatewayFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
