package io.fleetpulse.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one Jackson mapper of model-serving, and the error body every refusal carries. */
public final class Json {

    /** Content type of every JSON answer. */
    public static final String CONTENT_TYPE = "application/json";

    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** Serializes {@code value} (maps, lists, records, numbers) to JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"error":..., "reason":..., "field":..., "index":...}} (field and index if known). */
    public static String error(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("reason", e.error().name());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        if (e.index() >= 0) {
            body.put("index", e.index());
        }
        return write(body);
    }
}
