package io.fleetpulse.loadgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.AnomalyLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFileWriterTest {

    private static final AnomalyLabel STUCK =
            new AnomalyLabel(
                    "V00001",
                    "D00001",
                    "SENSOR_STUCK",
                    1000L,
                    2000L,
                    "engineRpm",
                    "engineRpm stuck at 1500.0, \"frozen\"");
    private static final AnomalyLabel JUMP =
            new AnomalyLabel(
                    "V00002",
                    "D00002",
                    "GPS_JUMP",
                    3000L,
                    3000L,
                    null,
                    "GPS position jumped 7.0 km away");

    @Test
    void writesJsonLinesWithTheLabelFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.jsonl");
        try (LabelFileWriter writer = new LabelFileWriter(file)) {
            writer.accept(STUCK);
            writer.accept(JUMP);
            assertThat(writer.written()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("kind").asText()).isEqualTo("SENSOR_STUCK");
        assertThat(first.get("startTime").asLong()).isEqualTo(1000L);
        assertThat(first.get("sensor").asText()).isEqualTo("engineRpm");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("sensor").isNull()).isTrue();
    }

    @Test
    void writesCsvWithHeaderAndQuoting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/labels.csv");
        try (LabelFileWriter writer = new LabelFileWriter(file)) {
            writer.accept(STUCK);
            writer.accept(JUMP);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines)
                .containsExactly(
                        "vehicleId,driverId,kind,startTime,endTime,sensor,description",
                        "V00001,D00001,SENSOR_STUCK,1000,2000,engineRpm,\"engineRpm stuck at 1500.0, \"\"frozen\"\"\"",
                        "V00002,D00002,GPS_JUMP,3000,3000,,GPS position jumped 7.0 km away");
    }
}
