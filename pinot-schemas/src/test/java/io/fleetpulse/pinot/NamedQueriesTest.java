package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.ingest.telemetry.Sensor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named query library: every query loads, documents itself and renders safely. */
class NamedQueriesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:34:56Z");

    @Test
    void theLibraryHoldsTheAnalystQueries() {
        assertThat(NamedQueries.all())
                .extracting(NamedQuery::name)
                .contains(
                        "fuel_efficiency_by_vehicle_hour",
                        "top_harsh_braking_drivers",
                        "vehicle_trajectory",
                        "imputation_rate_per_sensor",
                        "silent_vehicles",
                        "alerts_by_kind_severity");
    }

    @Test
    void everyQueryHasADescriptionAndRendersWithItsDefaultsAndRequiredValues() {
        for (NamedQuery q : NamedQueries.all()) {
            Map<String, String> required = new HashMap<>();
            q.params().stream()
                    .filter(QueryParam::required)
                    .forEach(p -> required.put(p.name(), "x"));

            String sql = q.render(required, NOW);

            assertThat(q.description()).as(q.name()).isNotBlank();
            assertThat(sql).as(q.name()).startsWith("SELECT").doesNotContain("${");
        }
    }

    @Test
    void theTrajectorySelectsEverySensorAndTheImputationRateCoversEverySensor() {
        String trajectory = NamedQueries.find("vehicle_trajectory").orElseThrow().template();
        String imputation =
                NamedQueries.find("imputation_rate_per_sensor").orElseThrow().template();

        for (Sensor s : Sensor.ALL) {
            assertThat(trajectory).contains(s.field());
            assertThat(imputation).contains("AVG(" + PinotConfigs.imputedFlagColumn(s) + ")");
        }
    }

    @Test
    void valuesBecomeLiteralsThatCannotChangeTheQuery() {
        NamedQuery q = NamedQueries.find("vehicle_trajectory").orElseThrow();

        String sql = q.render(Map.of("vehicle", "x' OR '1'='1", "from", "-2h", "limit", "5"), NOW);

        assertThat(sql)
                .contains("vehicleId = 'x'' OR ''1''=''1'")
                .contains("eventTime >= " + NOW.minusSeconds(7200).toEpochMilli())
                .contains("eventTime < " + NOW.toEpochMilli())
                .endsWith("LIMIT 5");
    }

    @Test
    void missingUnknownAndMalformedValuesAreClearErrors() {
        NamedQuery q = NamedQueries.find("vehicle_trajectory").orElseThrow();

        assertThatThrownBy(() -> q.render(Map.of(), NOW))
                .hasMessageContaining("needs --param vehicle=");
        assertThatThrownBy(() -> q.render(Map.of("vehicle", "v", "colour", "red"), NOW))
                .hasMessageContaining("has no parameter colour");
        assertThatThrownBy(() -> q.render(Map.of("vehicle", "v", "limit", "ten"), NOW))
                .hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> q.render(Map.of("vehicle", "v", "from", "yesterday"), NOW))
                .hasMessageContaining("must be a time");
    }

    @Test
    void aQueryCanBePointedAtOtherTables() {
        String sql =
                NamedQueries.find("silent_vehicles")
                        .orElseThrow()
                        .render(
                                Map.of(),
                                NOW,
                                Map.of("vehicle_features", "vehicle_features_bench"));

        assertThat(sql)
                .contains("FROM vehicle_features_bench")
                .doesNotContain("FROM vehicle_features\n");
    }

    @Test
    void parsesDescriptionParamsAndSql() {
        NamedQuery q =
                NamedQueries.parse(
                        "q",
                        String.join(
                                "\n",
                                "-- Says hello.",
                                "-- @param n int 3 How many",
                                "-- @param who string - Whom",
                                "",
                                "SELECT ${n}, ${who}, ${now};"));

        assertThat(q.description()).isEqualTo("Says hello.");
        assertThat(q.params())
                .containsExactly(
                        new QueryParam("n", QueryParam.Type.INT, "3", "How many"),
                        new QueryParam("who", QueryParam.Type.STRING, null, "Whom"));
        assertThat(q.render(Map.of("who", "me"), NOW))
                .isEqualTo("SELECT 3, 'me', " + NOW.toEpochMilli());
    }

    @Test
    void parsesAssignments() {
        assertThat(NamedQueries.parseAssignments(List.of("a=1", "b=x=y")))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"));
        assertThatThrownBy(() -> NamedQueries.parseAssignments(List.of("a")))
                .hasMessageContaining("NAME=VALUE");
    }
}
