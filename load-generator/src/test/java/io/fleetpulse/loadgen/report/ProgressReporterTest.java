package io.fleetpulse.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void progressLineReadsLikeKafkasPerfTool() {
        assertThat(ProgressReporter.progressLine(250_000, 48L * 1024 * 1024, 5.0, 3.25, 41.0, 0))
                .isEqualTo(
                        "250000 events sent, 50000.0 events/s, 9.60 MB/s, send latency avg 3.3 ms, max 41.0 ms");
        assertThat(ProgressReporter.progressLine(10, 0, 1.0, 0, 0, 2)).endsWith(", 2 failed");
    }

    @Test
    void summaryHasPercentilesOfAllAcknowledgements() {
        SendStats stats = new SendStats();
        for (int i = 1; i <= 1000; i++) {
            stats.acked(100, i * 1_000_000L); // 1..1000 ms
        }
        stats.rejected(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressReporter reporter =
                new ProgressReporter(
                        stats, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        assertThat(reporter.finish().getTotalCount()).isEqualTo(1000);
        String summary = reporter.summary();
        assertThat(summary).startsWith("1000 events sent in ");
        assertThat(summary)
                .contains("p50 500.", "p99 990.", "p99.9 999.", "max 1000.", "3 rejected");
        assertThat(bytes.size()).isZero();
    }
}
