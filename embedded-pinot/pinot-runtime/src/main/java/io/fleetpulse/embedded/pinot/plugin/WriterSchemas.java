package io.fleetpulse.embedded.pinot.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Splits the decoder's {@code writerSchemas} property, a JSON array of Avro schemas. */
final class WriterSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WriterSchemas() {}

    /** Each element of the JSON array, re-serialised as one schema document. */
    static List<String> split(String jsonArray) {
        try {
            JsonNode node = JSON.readTree(jsonArray);
            if (!node.isArray()) {
                throw new IllegalArgumentException(
                        "decoder property 'writerSchemas' must be a JSON array of Avro schemas");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode schema : node) {
                out.add(JSON.writeValueAsString(schema));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("decoder property 'writerSchemas' is not JSON", e);
        }
    }
}
