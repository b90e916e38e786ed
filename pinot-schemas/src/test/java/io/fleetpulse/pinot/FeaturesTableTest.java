package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The window features table stays in step with the FeatureVector contract and the registry. */
class FeaturesTableTest {

    private static final String WINDOW_HOUR = "windowHour";

    private final PinotTable table = PinotConfigs.features();
    private final Map<String, PinotTable.Column> columns =
            table.columns().stream()
                    .collect(Collectors.toMap(PinotTable.Column::name, Function.identity()));

    @Test
    void mirrorsEveryFieldOfTheFeatureVectorContractWithItsType() {
        Schema contract = FeatureVector.getClassSchema();

        List<String> names =
                new ArrayList<>(contract.getFields().stream().map(Schema.Field::name).toList());
        names.add(WINDOW_HOUR);
        assertThat(columns.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (Schema.Field field : contract.getFields()) {
            Schema type = field.schema();
            if (type.getType() == Schema.Type.UNION) {
                type =
                        type.getTypes().stream()
                                .filter(t -> t.getType() != Schema.Type.NULL)
                                .findFirst()
                                .orElseThrow();
            }
            String expected =
                    switch (type.getType()) {
                        case STRING -> "STRING";
                        case INT -> "INT";
                        case LONG -> "LONG";
                        case DOUBLE -> "DOUBLE";
                        default -> throw new AssertionError("unmapped type of " + field);
                    };
            assertThat(columns.get(field.name()).dataType()).as(field.name()).isEqualTo(expected);
        }
    }

    @Test
    void windowTimesAreMillisAndWindowStartIsTheTimeColumn() {
        for (String time : List.of("windowStart", "windowEnd", "lastEventTime", "processedAt")) {
            assertThat(columns.get(time))
                    .isEqualTo(
                            new PinotTable.Column(
                                    time, "DATE_TIME", "LONG", true, "1:MILLISECONDS:EPOCH"));
        }
        assertThat(table.tableConfigJson().path("segmentsConfig").path("timeColumnName").asText())
                .isEqualTo("windowStart");
    }

    @Test
    void readsTheFeaturesTopicCommittedOnlyWithTheFleetDecoder() {
        JsonNode stream = PinotConfigs.features(Topics.withPrefix("x."), "h:1").streamConfigs();

        assertThat(stream.path("stream.kafka.topic.name").asText()).isEqualTo("x.fleet.features");
        assertThat(PinotConfigs.features().streamConfigs().path("stream.kafka.topic.name").asText())
                .isEqualTo(Topics.DEFAULT.features().name());
        assertThat(stream.path("stream.kafka.isolation.level").asText())
                .isEqualTo("read_committed");
        assertThat(stream.path(AvroDecoderProps.DECODER_CLASS_KEY).asText())
                .isEqualTo(AvroDecoderProps.DECODER_CLASS);
        assertThat(new Schema.Parser().parse(stream.path(AvroDecoderProps.SCHEMA_KEY).asText()))
                .isEqualTo(FeatureVector.getClassSchema());
    }

    @Test
    void indexesServeTheNamedQueries() {
        JsonNode indexing = table.tableConfigJson().path("tableIndexConfig");

        assertThat(texts(indexing.path("sortedColumn"))).containsExactly("vehicleId");
        assertThat(texts(indexing.path("invertedIndexColumns")))
                .containsExactly("vehicleId", "driverId", "windowKind");
        assertThat(texts(indexing.path("rangeIndexColumns"))).containsExactly("windowStart");
    }

    @Test
    void aStarTreeOnKindHourDriverAndVehicleAnswersTheWindowAggregations() {
        JsonNode config = table.tableConfigJson();
        JsonNode starTree = config.path("tableIndexConfig").path("starTreeIndexConfigs").get(0);

        assertThat(columns.get(WINDOW_HOUR).dataType()).isEqualTo("LONG");
        assertThat(config.path("ingestionConfig").path("transformConfigs"))
                .anySatisfy(
                        t -> {
                            assertThat(t.path("columnName").asText()).isEqualTo(WINDOW_HOUR);
                            assertThat(t.path("transformFunction").asText())
                                    .isEqualTo("toEpochHours(windowStart)");
                        });
        assertThat(texts(starTree.path("dimensionsSplitOrder")))
                .containsExactly("windowKind", WINDOW_HOUR, "driverId", "vehicleId");
        assertThat(texts(starTree.path("functionColumnPairs")))
                .contains(
                        "SUM__fuelUsedL",
                        "SUM__distanceKm",
                        "SUM__harshBrakeCount",
                        "MAX__lastEventTime");
        // The named queries on this table filter on the hour column, so the star-tree applies.
        for (String name :
                List.of(
                        "fuel_efficiency_by_vehicle_hour",
                        "top_harsh_braking_drivers",
                        "silent_vehicles")) {
            String sql = NamedQueries.find(name).orElseThrow().template();
            assertThat(sql).as(name).contains(WINDOW_HOUR + " >=").doesNotContain("windowStart");
        }
    }

    @Test
    void everyColumnIsDocumentedInTheModuleReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (String column : columns.keySet()) {
            assertThat(readme).as(column).contains("`" + column + "`");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
