package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.Alert;
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

/** The alerts table stays in step with the Alert contract and keeps one row per alert. */
class AlertsTableTest {

    private static final String EXPLANATION = "explanation";
    private static final String EXPLANATION_JSON = "explanationJson";

    private final PinotTable table = PinotConfigs.alerts();
    private final Map<String, PinotTable.Column> columns =
            table.columns().stream()
                    .collect(Collectors.toMap(PinotTable.Column::name, Function.identity()));

    @Test
    void mirrorsEveryScalarFieldOfTheAlertContractAndTheExplanationAsJson() {
        Schema contract = Alert.getClassSchema();
        List<String> expected = new ArrayList<>();
        for (Schema.Field field : contract.getFields()) {
            expected.add(field.name().equals(EXPLANATION) ? EXPLANATION_JSON : field.name());
            if (field.name().equals(EXPLANATION)) {
                continue;
            }
            assertThat(columns.get(field.name()).dataType())
                    .as(field.name())
                    .isEqualTo(pinotType(field.schema()));
        }

        assertThat(columns.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(table.tableConfigJson().path("ingestionConfig").path("transformConfigs"))
                .anySatisfy(
                        t -> {
                            assertThat(t.path("columnName").asText()).isEqualTo(EXPLANATION_JSON);
                            assertThat(t.path("transformFunction").asText())
                                    .isEqualTo("jsonFormat(" + EXPLANATION + ")");
                        });
    }

    @Test
    void keepsTheLatestStateOfEachAlertByItsIdAndEmissionTime() {
        JsonNode config = table.tableConfigJson();

        assertThat(texts(table.schemaJson().path("primaryKeyColumns"))).containsExactly("alertId");
        assertThat(config.path("upsertConfig").path("mode").asText()).isEqualTo("FULL");
        assertThat(config.path("upsertConfig").path("comparisonColumn").asText())
                .isEqualTo("emittedAt");
        assertThat(config.path("routing").path("instanceSelectorType").asText())
                .isEqualTo("strictReplicaGroup");
        assertThat(config.path("segmentsConfig").path("timeColumnName").asText())
                .isEqualTo("startTime");
        assertThat(columns.get("emittedAt"))
                .isEqualTo(
                        new PinotTable.Column(
                                "emittedAt", "DATE_TIME", "LONG", true, "1:MILLISECONDS:EPOCH"));
    }

    @Test
    void readsTheAlertsTopicCommittedOnlyWithTheFleetDecoder() {
        JsonNode stream = PinotConfigs.alerts(Topics.withPrefix("x."), "h:1").streamConfigs();

        assertThat(stream.path("stream.kafka.topic.name").asText())
                .isEqualTo(Topics.withPrefix("x.").alerts().name());
        assertThat(stream.path("stream.kafka.isolation.level").asText())
                .isEqualTo("read_committed");
        assertThat(new Schema.Parser().parse(stream.path(AvroDecoderProps.SCHEMA_KEY).asText()))
                .isEqualTo(Alert.getClassSchema());
    }

    @Test
    void indexesServeTheAlertsQuery() {
        JsonNode indexing = table.tableConfigJson().path("tableIndexConfig");

        assertThat(texts(indexing.path("invertedIndexColumns")))
                .contains("kind", "severity", "status");
        assertThat(texts(indexing.path("rangeIndexColumns"))).containsExactly("startTime");
    }

    @Test
    void everyColumnIsDocumentedInTheModuleReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (String column : columns.keySet()) {
            assertThat(readme).as(column).contains("`" + column + "`");
        }
    }

    private static String pinotType(Schema type) {
        if (type.getType() == Schema.Type.UNION) {
            type =
                    type.getTypes().stream()
                            .filter(t -> t.getType() != Schema.Type.NULL)
                            .findFirst()
                            .orElseThrow();
        }
        return switch (type.getType()) {
            case STRING -> "STRING";
            case LONG -> "LONG";
            case DOUBLE -> "DOUBLE";
            default -> throw new AssertionError("unmapped type " + type);
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
