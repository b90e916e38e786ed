package io.fleetpulse.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final MachineInfo MACHINE =
            new MachineInfo(
                    "box",
                    2,
                    4L << 30,
                    24L << 30,
                    "Linux",
                    "6.1",
                    "amd64",
                    "17.0.15",
                    "OpenJDK",
                    3.5,
                    "2025-01-01T00:00:00Z");

    private static BenchReport sample() {
        BenchReport report = BenchReport.create("producer", "Producer throughput", MACHINE);
        report.setting("acks", "all").setting("records", 1000);
        report.row("simulator").put("events/s", 151234.5).put("MB/s", 27.25);
        report.row("kafka-perf").put("events/s", 170000.0).put("p99 ms", 12L);
        report.note("medians of 3 runs");
        return report;
    }

    @Test
    void tableAlignsColumnsAndLeavesMissingCellsEmpty() {
        List<String> lines = sample().toTable().lines().toList();

        assertThat(lines.get(0)).isEqualTo("Producer throughput");
        assertThat(lines.get(1))
                .contains("box", "2 CPUs", "24.0 GiB RAM", "Java 17.0.15", "load average 3.50");
        assertThat(lines).contains("  acks = all", "  records = 1000");
        int header =
                lines.indexOf(lines.stream().filter(l -> l.contains("events/s")).findFirst().get());
        String sim = lines.get(header + 2);
        String kafka = lines.get(header + 3);
        assertThat(sim).startsWith("simulator ").contains("151,235", "27.3");
        assertThat(kafka).startsWith("kafka-perf").contains("170,000", "12");
        // Right-aligned figures: the events/s column ends at the same position on every line.
        int end = lines.get(header).indexOf("events/s") + "events/s".length();
        assertThat(sim.substring(0, end)).endsWith("151,235");
        assertThat(kafka.substring(0, end)).endsWith("170,000");
        assertThat(lines).contains("note: medians of 3 runs");
    }

    @Test
    void jsonHasFiguresSettingsAndMachine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.json");
        sample().writeJson(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("bench").asText()).isEqualTo("producer");
        assertThat(json.get("settings").get("acks").asText()).isEqualTo("all");
        assertThat(json.get("machine").get("availableProcessors").asInt()).isEqualTo(2);
        assertThat(json.get("machine").get("totalMemoryBytes").asLong()).isEqualTo(24L << 30);
        JsonNode rows = json.get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("name").asText()).isEqualTo("simulator");
        assertThat(rows.get(0).get("events/s").asDouble()).isEqualTo(151234.5);
        assertThat(rows.get(1).has("MB/s")).isFalse();
        assertThat(json.get("notes").get(0).asText()).isEqualTo("medians of 3 runs");
    }

    @Test
    void readsMemTotalFromMeminfo(@TempDir Path dir) throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(
                meminfo,
                "MemTotal:       24576000 kB\nMemFree:        1000 kB\n",
                StandardCharsets.US_ASCII);
        assertThat(MachineInfo.memTotalBytes(meminfo)).isEqualTo(24576000L * 1024);
        assertThat(MachineInfo.memTotalBytes(dir.resolve("absent"))).isNull();
    }

    @Test
    void currentMachineIsDescribed() {
        MachineInfo here = MachineInfo.current();
        assertThat(here.availableProcessors()).isPositive();
        assertThat(here.maxHeapBytes()).isPositive();
        assertThat(here.javaVersion()).isNotBlank();
        assertThat(here.timestamp()).endsWith("Z");
    }
}
