package io.fleetpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.sink.GatewayStubAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleet simulate} end to end through a stand-in gateway (no broker needed). */
class SimulateCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new SimulateCommand());
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void badOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--vehicles", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("at least one vehicle");

        err = new StringWriter();
        assertThat(run(err, "--start", "2025-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(err.toString()).contains("--start needs --fast");

        err = new StringWriter();
        assertThat(run(err, "--via", "pigeon")).isEqualTo(2);
        assertThat(err.toString()).contains("--via", "not one of [kafka, gateway]");

        err = new StringWriter();
        assertThat(run(err, "--compression", "brotli")).isEqualTo(2);
        assertThat(err.toString()).contains("compression");
    }

    @Test
    void anUnwritableLabelsFileIsAnErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        try (GatewayStubAccess gateway = GatewayStubAccess.start()) {
            int rc =
                    run(
                            new StringWriter(),
                            "--via",
                            "gateway",
                            "--gateway-url",
                            gateway.url().toString(),
                            "--fast",
                            "--max-events",
                            "10",
                            "--no-labels-topic",
                            "--labels-file",
                            blocker.resolve("labels.csv").toString());
            assertThat(rc).isEqualTo(1);
            assertThat(gateway.received()).isEmpty();
        }
    }

    @Test
    void fastRunThroughTheGatewayWithALabelsFile(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        try (GatewayStubAccess gateway = GatewayStubAccess.start()) {
            int rc =
                    run(
                            new StringWriter(),
                            "--via",
                            "gateway",
                            "--gateway-url",
                            gateway.url().toString(),
                            "--fast",
                            "--start",
                            "2025-06-01T06:00:00Z",
                            "--duration",
                            "20m",
                            "--vehicles",
                            "20",
                            "--rate",
                            "20",
                            "--anomaly-rate",
                            "30",
                            "--no-labels-topic",
                            "--labels-file",
                            labels.toString(),
                            "--progress-interval",
                            "0");
            assertThat(rc).isZero();
            List<TelemetryEvent> received = gateway.received();
            // 20 minutes at 20 events/s, less the few messages lost in transit.
            assertThat(received).hasSizeBetween(23_900, 24_000);
            assertThat(
                            received.stream()
                                    .mapToLong(TelemetryEvent::getEventTime)
                                    .min()
                                    .orElseThrow())
                    .isEqualTo(java.time.Instant.parse("2025-06-01T06:00:00Z").toEpochMilli());
        }
        List<String> lines = Files.readAllLines(labels);
        assertThat(lines).isNotEmpty();
        assertThat(new ObjectMapper().readTree(lines.get(0)).get("vehicleId").asText())
                .startsWith("V");
    }

    @Test
    void pacedRunFollowsTheWallClock() throws Exception {
        try (GatewayStubAccess gateway = GatewayStubAccess.start()) {
            long before = System.currentTimeMillis();
            int rc =
                    run(
                            new StringWriter(),
                            "--via",
                            "gateway",
                            "--gateway-url",
                            gateway.url().toString(),
                            "--gateway-batch",
                            "50",
                            "--jit-warmup",
                            "3s",
                            "--duration",
                            "2s",
                            "--vehicles",
                            "100",
                            "--rate",
                            "500",
                            "--no-labels-topic",
                            "--progress-interval",
                            "0");
            long after = System.currentTimeMillis();
            assertThat(rc).isZero();
            List<TelemetryEvent> received = gateway.received();
            assertThat(received).hasSizeBetween(990, 1000);
            List<Long> arrivals = gateway.arrivals();
            long closest = Long.MAX_VALUE;
            for (int i = 0; i < received.size(); i++) {
                long eventTime = received.get(i).getEventTime();
                assertThat(eventTime).isBetween(before, after);
                // Event time is the intended send time: no event arrives before it ...
                assertThat(arrivals.get(i) - eventTime).isGreaterThanOrEqualTo(-5L);
                closest = Math.min(closest, arrivals.get(i) - eventTime);
            }
            // ... and the clock did not start before the warm-up (which would add 3 s to all).
            assertThat(closest).isLessThan(2000L);
        }
    }
}
