package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Loading refuses table files that disagree with each other (fixtures in test resources). */
class PinotConfigsTest {

    @Test
    void aTimeColumnThatIsNotADateTimeColumnIsRefused() {
        assertThatThrownBy(() -> PinotConfigs.load("bad-time"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timeColumnName \"vehicleId\" is not a DATE_TIME column");
    }

    @Test
    void aSchemaNameTheTableDoesNotUseIsRefused() {
        assertThatThrownBy(() -> PinotConfigs.load("twice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("segmentsConfig.schemaName is 'other', expected 'twice'");
    }

    @Test
    void callersGetCopiesTheyMayChange() {
        PinotTable table = PinotConfigs.telemetry();
        ObjectNode schema = table.schemaJson();

        schema.put("schemaName", "changed");
        table.tableConfigJson().put("tableName", "changed");

        assertThat(table.schemaJson().path("schemaName").asText()).isEqualTo("telemetry");
        assertThat(table.tableConfigJson().path("tableName").asText()).isEqualTo("telemetry");
    }
}
