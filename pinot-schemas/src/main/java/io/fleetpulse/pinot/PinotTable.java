package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Pinot table as FleetPulse declares it: its schema and its table config, both as the JSON
 * documents the Pinot controller's REST API takes. Accessors return copies, so callers may adjust
 * them (e.g. point the stream at a test topic) without changing what others see.
 *
 * @param name the table (and schema) name
 */
public record PinotTable(String name, ObjectNode schemaJson, ObjectNode tableConfigJson) {

    public PinotTable {
        schemaJson = schemaJson.deepCopy();
        tableConfigJson = tableConfigJson.deepCopy();
    }

    @Override
    public ObjectNode schemaJson() {
        return schemaJson.deepCopy();
    }

    @Override
    public ObjectNode tableConfigJson() {
        return tableConfigJson.deepCopy();
    }

    /** The Kafka stream settings of a REALTIME table config ({@code streamConfigs}). */
    public ObjectNode streamConfigs() {
        return (ObjectNode)
                tableConfigJson.path("tableIndexConfig").path("streamConfigs").deepCopy();
    }

    /** A copy of this table reading {@code topic} from the brokers at {@code bootstrapServers}. */
    public PinotTable withStream(String topic, String bootstrapServers) {
        ObjectNode config = tableConfigJson.deepCopy();
        ObjectNode stream = (ObjectNode) config.path("tableIndexConfig").path("streamConfigs");
        stream.put(PinotConfigs.TOPIC_KEY, topic);
        stream.put(PinotConfigs.BROKER_LIST_KEY, bootstrapServers);
        return new PinotTable(name, schemaJson, config);
    }

    /** A copy of this table (and its schema) called {@code newName}, e.g. for a benchmark. */
    public PinotTable renamed(String newName) {
        ObjectNode schema = schemaJson.deepCopy();
        schema.put("schemaName", newName);
        ObjectNode config = tableConfigJson.deepCopy();
        config.put("tableName", newName);
        ((ObjectNode) config.path("segmentsConfig")).put("schemaName", newName);
        return new PinotTable(newName, schema, config);
    }

    /** A copy of this table with {@code entries} added to (or replacing) its stream configs. */
    public PinotTable withStreamConfigs(Map<String, String> entries) {
        ObjectNode config = tableConfigJson.deepCopy();
        ObjectNode stream = (ObjectNode) config.path("tableIndexConfig").path("streamConfigs");
        entries.forEach(stream::put);
        return new PinotTable(name, schemaJson, config);
    }

    /** Every column of the schema with its field type ({@code DIMENSION}, {@code METRIC}, ...). */
    public List<Column> columns() {
        List<Column> out = new ArrayList<>();
        addColumns(out, "dimensionFieldSpecs", "DIMENSION");
        addColumns(out, "metricFieldSpecs", "METRIC");
        addColumns(out, "dateTimeFieldSpecs", "DATE_TIME");
        return out;
    }

    private void addColumns(List<Column> out, String specs, String fieldType) {
        for (JsonNode spec : schemaJson.path(specs)) {
            out.add(
                    new Column(
                            spec.path("name").asText(),
                            fieldType,
                            spec.path("dataType").asText(),
                            spec.path("singleValueField").asBoolean(true),
                            spec.path("format").asText(null)));
        }
    }

    /**
     * One column of a Pinot schema.
     *
     * @param name the column name
     * @param fieldType DIMENSION, METRIC or DATE_TIME
     * @param dataType Pinot's data type, e.g. STRING, DOUBLE, BOOLEAN, LONG
     * @param singleValue false for a multi-value column
     * @param format the DATE_TIME format, else null
     */
    public record Column(
            String name, String fieldType, String dataType, boolean singleValue, String format) {}
}
