package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads FleetPulse's Pinot schemas and table configs from {@code pinot/<table>/schema.json} and
 * {@code pinot/<table>/table.json} on the classpath, checks that the two agree with each other, and
 * points a table's stream at a given topic set and broker (production or a test's).
 */
public final class PinotConfigs {

    /** The imputed telemetry table (FeatureJob's output, one row per event). */
    public static final String TELEMETRY = "telemetry";

    /** The per-vehicle window features table (FeatureJob's output, one row per window). */
    public static final String FEATURES = "vehicle_features";

    /** The anomaly alerts table (LearnerJob's output, the latest state of each alert: upsert). */
    public static final String ALERTS = "alerts";

    /** Suffix of the per-sensor flag column saying the value was imputed, e.g. speedKmhImputed. */
    public static final String IMPUTED_SUFFIX = "Imputed";

    /** Suffix of the per-sensor uncertainty column (std of the imputations), e.g. speedKmhSd. */
    public static final String UNCERTAINTY_SUFFIX = "Sd";

    static final String TOPIC_KEY = "stream.kafka.topic.name";
    static final String BROKER_LIST_KEY = "stream.kafka.broker.list";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PinotConfigs() {}

    /** The flag column of {@code sensor} in the telemetry table. */
    public static String imputedFlagColumn(Sensor sensor) {
        return sensor.field() + IMPUTED_SUFFIX;
    }

    /** The uncertainty column of {@code sensor} in the telemetry table. */
    public static String uncertaintyColumn(Sensor sensor) {
        return sensor.field() + UNCERTAINTY_SUFFIX;
    }

    /** The telemetry table as declared (production topic, default local broker). */
    public static PinotTable telemetry() {
        return load(TELEMETRY);
    }

    /**
     * The telemetry table as applied: reading {@code topics}' imputed topic from {@code
     * bootstrapServers}, with the decoder's Avro schemas filled in from the contract.
     */
    public static PinotTable telemetry(Topics topics, String bootstrapServers) {
        return telemetry()
                .withStream(topics.imputed().name(), bootstrapServers)
                .withStreamConfigs(AvroDecoderProps.of(ImputedTelemetry.class));
    }

    /** The window features table as declared (production topic, default local broker). */
    public static PinotTable features() {
        return load(FEATURES);
    }

    /** The window features table as applied to {@code topics} on {@code bootstrapServers}. */
    public static PinotTable features(Topics topics, String bootstrapServers) {
        return features()
                .withStream(topics.features().name(), bootstrapServers)
                .withStreamConfigs(AvroDecoderProps.of(FeatureVector.class));
    }

    /** The alerts table as declared (production topic, default local broker). */
    public static PinotTable alerts() {
        return load(ALERTS);
    }

    /** The alerts table as applied to {@code topics} on {@code bootstrapServers}. */
    public static PinotTable alerts(Topics topics, String bootstrapServers) {
        return alerts().withStream(topics.alerts().name(), bootstrapServers)
                .withStreamConfigs(AvroDecoderProps.of(Alert.class));
    }

    /** Every FleetPulse table as applied to {@code topics} on {@code bootstrapServers}. */
    public static List<PinotTable> all(Topics topics, String bootstrapServers) {
        return List.of(
                telemetry(topics, bootstrapServers),
                features(topics, bootstrapServers),
                alerts(topics, bootstrapServers));
    }

    /**
     * Loads the table called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such table
     * @throws IllegalStateException if its files are malformed or disagree
     */
    public static PinotTable load(String name) {
        ObjectNode schema = read(name, "schema.json");
        ObjectNode table = read(name, "table.json");
        requireEqual(name, "schemaName in schema.json", schema.path("schemaName").asText(), name);
        requireEqual(name, "tableName in table.json", table.path("tableName").asText(), name);
        JsonNode segments = table.path("segmentsConfig");
        requireEqual(name, "segmentsConfig.schemaName", segments.path("schemaName").asText(), name);
        PinotTable out = new PinotTable(name, schema, table);
        Set<String> columns = new HashSet<>();
        boolean timeColumnFound = false;
        for (PinotTable.Column c : out.columns()) {
            if (!columns.add(c.name())) {
                throw new IllegalStateException(name + ": column " + c.name() + " declared twice");
            }
            timeColumnFound |=
                    c.fieldType().equals("DATE_TIME")
                            && c.name().equals(segments.path("timeColumnName").asText());
        }
        if (!timeColumnFound) {
            throw new IllegalStateException(
                    name
                            + ": timeColumnName "
                            + segments.path("timeColumnName")
                            + " is not a DATE_TIME column of the schema");
        }
        return out;
    }

    private static ObjectNode read(String table, String file) {
        String resource = "pinot/" + table + "/" + file;
        try (InputStream in = PinotConfigs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no Pinot table " + table + " (" + resource + " not found)");
            }
            JsonNode node = JSON.readTree(in);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(resource + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static void requireEqual(String table, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(
                    table + ": " + what + " is '" + actual + "', expected '" + expected + "'");
        }
    }
}
