package io.fleetpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchFormatTest {

    @Test
    void contentTypesMapToFormatsIgnoringCaseAndParameters() {
        assertThat(BatchFormat.ofContentType("application/json")).isEqualTo(BatchFormat.JSON);
        assertThat(BatchFormat.ofContentType(" Application/Json ; charset=utf-8"))
                .isEqualTo(BatchFormat.JSON);
        assertThat(BatchFormat.ofContentType("application/vnd.fleetpulse.telemetry+avro"))
                .isEqualTo(BatchFormat.AVRO);
        assertThat(BatchFormat.ofContentType("application/json-seq")).isNull();
        assertThat(BatchFormat.ofContentType("text/plain")).isNull();
        assertThat(BatchFormat.ofContentType("")).isNull();
        assertThat(BatchFormat.ofContentType(null)).isNull();
    }
}
