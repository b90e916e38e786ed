package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The telemetry table stays in step with the telemetry contract and the Topics registry. */
class TelemetryTableTest {

    private final PinotTable table = PinotConfigs.telemetry();
    private final Map<String, PinotTable.Column> columns =
            table.columns().stream()
                    .collect(Collectors.toMap(PinotTable.Column::name, Function.identity()));

    @Test
    void everySensorHasADoubleMetricABooleanImputedFlagAndAnUncertainty() {
        for (Sensor s : Sensor.ALL) {
            assertThat(columns.get(s.field()))
                    .as(s.field())
                    .isEqualTo(new PinotTable.Column(s.field(), "METRIC", "DOUBLE", true, null));
            String flag = PinotConfigs.imputedFlagColumn(s);
            assertThat(columns.get(flag))
                    .as(flag)
                    .isEqualTo(new PinotTable.Column(flag, "DIMENSION", "BOOLEAN", true, null));
            String sd = PinotConfigs.uncertaintyColumn(s);
            assertThat(columns.get(sd))
                    .as(sd)
                    .isEqualTo(new PinotTable.Column(sd, "METRIC", "DOUBLE", true, null));
        }
    }

    @Test
    void mirrorsEveryFieldOfTheImputedTelemetryContractPlusTheDerivedEventHour() {
        Schema contract = ImputedTelemetry.getClassSchema();

        List<String> expected =
                new java.util.ArrayList<>(
                        contract.getFields().stream().map(Schema.Field::name).toList());
        expected.add("eventHour");
        assertThat(columns.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (Schema.Field field : contract.getFields()) {
            PinotTable.Column column = columns.get(field.name());
            assertThat(column).as(field.name()).isNotNull();
            Schema type = nonNull(field.schema());
            switch (type.getType()) {
                case STRING -> assertThat(column.dataType()).as(field.name()).isEqualTo("STRING");
                case BOOLEAN -> assertThat(column.dataType()).as(field.name()).isEqualTo("BOOLEAN");
                case INT -> assertThat(column.dataType()).as(field.name()).isEqualTo("INT");
                case LONG -> assertThat(column.dataType()).as(field.name()).isEqualTo("LONG");
                case DOUBLE -> {
                    assertThat(column.dataType()).as(field.name()).isEqualTo("DOUBLE");
                    assertThat(column.fieldType()).as(field.name()).isEqualTo("METRIC");
                }
                case ARRAY -> {
                    assertThat(column.dataType()).as(field.name()).isEqualTo("STRING");
                    assertThat(column.singleValue()).as(field.name()).isFalse();
                }
                default -> throw new AssertionError("unmapped contract type of " + field);
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void idsAreDimensionsAndEventTimeIsMillisSinceTheEpoch() {
        assertThat(columns.get("vehicleId").fieldType()).isEqualTo("DIMENSION");
        assertThat(columns.get("vehicleId").dataType()).isEqualTo("STRING");
        assertThat(columns.get("driverId").fieldType()).isEqualTo("DIMENSION");
        assertThat(columns.get("driverId").dataType()).isEqualTo("STRING");
        assertThat(columns.get("seq").dataType()).isEqualTo("LONG");
        assertThat(columns.get("eventTime"))
                .isEqualTo(
                        new PinotTable.Column(
                                "eventTime", "DATE_TIME", "LONG", true, "1:MILLISECONDS:EPOCH"));
        JsonNode segments = table.tableConfigJson().path("segmentsConfig");
        assertThat(segments.path("timeColumnName").asText()).isEqualTo("eventTime");
        assertThat(columns.get("processedAt"))
                .isEqualTo(
                        new PinotTable.Column(
                                "processedAt", "DATE_TIME", "LONG", true, "1:MILLISECONDS:EPOCH"));
        assertThat(
                        table.schemaJson()
                                .path("dateTimeFieldSpecs")
                                .get(0)
                                .path("granularity")
                                .asText())
                .isEqualTo("1:MILLISECONDS");
    }

    @Test
    void consumesTheImputedTopicCommittedOnlyWithTheKafka20LowLevelConsumer() {
        ObjectNode stream = table.streamConfigs();

        assertThat(table.tableConfigJson().path("tableType").asText()).isEqualTo("REALTIME");
        assertThat(stream.path("streamType").asText()).isEqualTo("kafka");
        assertThat(stream.path("stream.kafka.topic.name").asText())
                .isEqualTo(Topics.DEFAULT.imputed().name());
        assertThat(stream.path("stream.kafka.consumer.factory.class.name").asText())
                .isEqualTo("org.apache.pinot.plugin.stream.kafka20.KafkaConsumerFactory");
        assertThat(stream.path("stream.kafka.consumer.type").asText()).isEqualTo("lowlevel");
        assertThat(stream.path("stream.kafka.isolation.level").asText())
                .isEqualTo("read_committed");
        assertThat(stream.path("stream.kafka.decoder.class.name").asText())
                .isEqualTo(AvroDecoderProps.DECODER_CLASS);
    }

    @Test
    void asAppliedTheDecoderGetsTheContractsSchemaAndItsOlderVersions() {
        ObjectNode stream =
                PinotConfigs.telemetry(Topics.DEFAULT, "127.0.0.1:19092").streamConfigs();

        assertThat(new Schema.Parser().parse(stream.path(AvroDecoderProps.SCHEMA_KEY).asText()))
                .isEqualTo(ImputedTelemetry.getClassSchema());
        assertThat(stream.path(AvroDecoderProps.WRITER_SCHEMAS_KEY).asText()).startsWith("[");
    }

    @Test
    void eventHourIsDerivedFromEventTimeAndFeedsTheStarTree() {
        JsonNode config = table.tableConfigJson();
        JsonNode transform = config.path("ingestionConfig").path("transformConfigs").get(0);

        assertThat(transform.path("columnName").asText()).isEqualTo("eventHour");
        assertThat(transform.path("transformFunction").asText())
                .isEqualTo("toEpochHours(eventTime)");
        assertThat(columns.get("eventHour").dataType()).isEqualTo("LONG");
        JsonNode starTree = config.path("tableIndexConfig").path("starTreeIndexConfigs").get(0);
        assertThat(texts(starTree.path("dimensionsSplitOrder"))).containsExactly("eventHour");
        List<String> expectedPairs = new java.util.ArrayList<>(List.of("COUNT__*"));
        Sensor.ALL.forEach(s -> expectedPairs.add("AVG__" + PinotConfigs.imputedFlagColumn(s)));
        assertThat(texts(starTree.path("functionColumnPairs")))
                .containsExactlyInAnyOrderElementsOf(expectedPairs);
    }

    @Test
    void everyMetricAndFlagIsStoredRawWithoutADictionary() {
        List<String> raw =
                texts(table.tableConfigJson().path("tableIndexConfig").path("noDictionaryColumns"));

        for (Sensor s : Sensor.ALL) {
            assertThat(raw)
                    .contains(
                            s.field(),
                            PinotConfigs.imputedFlagColumn(s),
                            PinotConfigs.uncertaintyColumn(s));
        }
        assertThat(raw).doesNotContain("vehicleId", "driverId", "eventTime");
    }

    @Test
    void indexesVehicleAndTime() {
        JsonNode indexing = table.tableConfigJson().path("tableIndexConfig");

        assertThat(texts(indexing.path("invertedIndexColumns"))).containsExactly("vehicleId");
        assertThat(texts(indexing.path("sortedColumn"))).containsExactly("vehicleId");
        assertThat(texts(indexing.path("rangeIndexColumns"))).containsExactly("eventTime");
    }

    @Test
    void segmentsArePartitionedByVehicleAsTheTopicIsSoVehicleQueriesArePruned() {
        JsonNode vehicle =
                table.tableConfigJson()
                        .path("tableIndexConfig")
                        .path("segmentPartitionConfig")
                        .path("columnPartitionMap")
                        .path("vehicleId");

        // Kafka's default partitioner is murmur2 of the key (the vehicle id), as Pinot's Murmur.
        assertThat(vehicle.path("functionName").asText()).isEqualTo("Murmur");
        assertThat(vehicle.path("numPartitions").asInt())
                .isEqualTo(Topics.DEFAULT.imputed().partitions());
        assertThat(texts(table.tableConfigJson().path("routing").path("segmentPrunerTypes")))
                .containsExactly("partition");
    }

    @Test
    void aTestCanPointTheTableAtItsOwnTopicAndBroker() {
        Topics topics = Topics.withPrefix("it-42.");

        PinotTable forTest = PinotConfigs.telemetry(topics, "127.0.0.1:40001");

        assertThat(forTest.streamConfigs().path("stream.kafka.topic.name").asText())
                .isEqualTo("it-42.fleet.telemetry.imputed");
        assertThat(forTest.streamConfigs().path("stream.kafka.broker.list").asText())
                .isEqualTo("127.0.0.1:40001");
        assertThat(
                        PinotConfigs.telemetry()
                                .streamConfigs()
                                .path("stream.kafka.topic.name")
                                .asText())
                .isEqualTo(Topics.DEFAULT.imputed().name());
    }

    @Test
    void anUnknownTableIsAClearError() {
        assertThatThrownBy(() -> PinotConfigs.load("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Pinot table nope");
    }

    @Test
    void everyColumnIsDocumentedInTheModuleReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (String column : columns.keySet()) {
            assertThat(readme).as(column).contains("`" + column + "`");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
