package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fleetpulse.ingest.wire.SchemaHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The decoder properties that let Pinot read a FleetPulse topic: the reader schema (the current
 * generated class's) and every older released writer schema from {@link SchemaHistory}, as the
 * {@code SingleObjectAvroMessageDecoder} in embedded-pinot's plugin jar expects them. Derived from
 * the contract at apply time, so a table can never disagree with the Avro schema it reads.
 */
public final class AvroDecoderProps {

    /** The decoder class (in embedded-pinot's plugin jar, on the Pinot server's classpath). */
    public static final String DECODER_CLASS =
            "io.fleetpulse.embedded.pinot.plugin.SingleObjectAvroMessageDecoder";

    /** Stream config key of the decoder class. */
    public static final String DECODER_CLASS_KEY = "stream.kafka.decoder.class.name";

    /** Stream config key of the reader schema. */
    public static final String SCHEMA_KEY = "stream.kafka.decoder.prop.schema";

    /** Stream config key of the older writer schemas (a JSON array). */
    public static final String WRITER_SCHEMAS_KEY = "stream.kafka.decoder.prop.writerSchemas";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroDecoderProps() {}

    /** The two decoder properties for topics carrying {@code type}. */
    public static Map<String, String> of(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.get().getSchema(type);
        long currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
        ArrayNode older = JSON.createArrayNode();
        try {
            for (Schema version : SchemaHistory.versionsOf(current.getFullName())) {
                if (SchemaNormalization.parsingFingerprint64(version) != currentFingerprint) {
                    older.add(JSON.readTree(version.toString()));
                }
            }
            return Map.of(
                    SCHEMA_KEY,
                    current.toString(),
                    WRITER_SCHEMAS_KEY,
                    JSON.writeValueAsString(older));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the schema history of " + type, e);
        }
    }
}
