package io.fleetpulse.serving.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fleetpulse.ingest.http.BoundedBody;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Reads request bodies within a size limit: a declared or actual size over it is refused with 413
 * as soon as it is known, without reading the rest; a non-JSON content type gets 415, bad JSON 400.
 * {@code NaN} and {@code Infinity} literals are parsed so that validation can name the field
 * holding them instead of failing the whole body.
 */
public final class RequestBodies {

    private static final JsonMapper READER =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final int maxBodyBytes;

    public RequestBodies(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The JSON body of {@code ctx}. */
    public JsonNode json(Context ctx) {
        String type = ctx.contentType();
        if (type != null
                && !type.toLowerCase(java.util.Locale.ROOT).startsWith(Json.CONTENT_TYPE)) {
            throw new ApiException(
                    ApiError.UNSUPPORTED_MEDIA_TYPE,
                    "content type " + type + " is not supported; send " + Json.CONTENT_TYPE);
        }
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            throw new ApiException(ApiError.MALFORMED, "the body is empty");
        }
        try {
            return READER.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(
                    ApiError.MALFORMED, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(ApiError.MALFORMED, "the body could not be read");
        }
    }

    private byte[] bytes(Context ctx) {
        return BoundedBody.read(
                ctx,
                maxBodyBytes,
                m -> new ApiException(ApiError.TOO_LARGE, m),
                m -> new ApiException(ApiError.MALFORMED, m));
    }
}
