package io.fleetpulse.ingest.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.fleetpulse.ingest.validate.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON bodies the gateway answers with: the per-record batch result and the error object {@code
 * {"error": "...", "reason": "..."}}. Written with Jackson's generator, no data binding.
 */
final class ResponseBodies {

    static final String JSON = "application/json";

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int BYTES_PER_RESULT = 32;

    private ResponseBodies() {}

    /**
     * {@code {"accepted":N,"rejected":M,"results":[...]}}: one result per record in request order;
     * a rejected one carries the first violation's reason and field and all violations as detail.
     */
    static byte[] batchResult(List<CheckedRecord> records) {
        int rejected = 0;
        for (CheckedRecord r : records) {
            rejected += r.valid() ? 0 : 1;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(64 + BYTES_PER_RESULT * records.size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("accepted", records.size() - rejected);
            g.writeNumberField("rejected", rejected);
            g.writeArrayFieldStart("results");
            for (int i = 0; i < records.size(); i++) {
                writeResult(g, i, records.get(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeResult(JsonGenerator g, int index, CheckedRecord r)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", index);
        if (r.valid()) {
            g.writeStringField("status", "accepted");
        } else {
            Violation first = r.violations().get(0);
            g.writeStringField("status", "rejected");
            g.writeStringField("reason", first.reason().name());
            if (first.field() != null) {
                g.writeStringField("field", first.field());
            }
            g.writeStringField("detail", detail(r.violations()));
        }
        g.writeEndObject();
    }

    /** All violations of a record in one readable line (as in the dead letter). */
    static String detail(List<Violation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).detail();
        }
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    /** {@code {"error": message, "reason": error}}. */
    static byte[] error(RequestError error, String message) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeStringField("reason", error.name());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"status":"UP"}}. */
    static byte[] health() {
        return "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
