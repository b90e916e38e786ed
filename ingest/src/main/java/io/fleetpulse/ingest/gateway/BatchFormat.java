package io.fleetpulse.ingest.gateway;

import io.fleetpulse.ingest.json.TelemetryJson;
import java.util.Locale;

/**
 * The two body formats of {@code POST /v1/telemetry}, chosen by the request's Content-Type. Each
 * also names the content type of one record of it, as written to the dead-letter topic.
 */
public enum BatchFormat {
    /** A JSON array of telemetry objects; one record is the JSON text of one element. */
    JSON(TelemetryJson.MEDIA_TYPE, TelemetryJson.MEDIA_TYPE),
    /**
     * A sequence of frames, each a 4-byte big-endian length and one Avro single-object-encoded
     * TelemetryEvent; one record is one frame without its length prefix.
     */
    AVRO("application/vnd.fleetpulse.telemetry+avro", "avro/binary");

    private final String mediaType;
    private final String recordContentType;

    BatchFormat(String mediaType, String recordContentType) {
        this.mediaType = mediaType;
        this.recordContentType = recordContentType;
    }

    /** The Content-Type of a batch in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The content type of one record, as the dead-letter topic records it. */
    public String recordContentType() {
        return recordContentType;
    }

    /** Low-cardinality metric tag value. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format for a Content-Type header (parameters such as {@code charset} ignored, case
     * insensitive), or null when it is neither.
     */
    public static BatchFormat ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type =
                (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                        .strip()
                        .toLowerCase(Locale.ROOT);
        for (BatchFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return f;
            }
        }
        return null;
    }
}
