package io.fleetpulse.ingest.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Reads a request body up to a limit, refusing a larger one before reading it when its length is
 * declared and otherwise after one byte past the limit — never buffering an unbounded body. Each
 * server maps the two refusals to its own error type.
 */
public final class BoundedBody {

    private BoundedBody() {}

    /**
     * @param tooLarge the error for a body over {@code maxBytes}, given its message
     * @param unreadable the error for a body that could not be read, given its message
     */
    public static <E extends Exception> byte[] read(
            Context ctx, int maxBytes, Function<String, E> tooLarge, Function<String, E> unreadable)
            throws E {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge.apply(message(declared + " bytes", maxBytes));
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw unreadable.apply("the body could not be read: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw tooLarge.apply(message("more than " + maxBytes + " bytes", maxBytes));
        }
        return body;
    }

    private static String message(String size, int maxBytes) {
        return "body of " + size + " exceeds the limit of " + maxBytes + " bytes";
    }
}
