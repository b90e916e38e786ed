package io.fleetpulse.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfSummaryParserTest {

    @Test
    void prefersTheSteadyStateSummary() {
        List<String> out =
                List.of(
                        "Warmup first 126309 records. Steady state results will print after the complete test summary.",
                        "641000 records sent, 128193.6 records/sec (23.47 MB/sec), 41.3 ms avg latency, 243.0 ms max latency.",
                        "463132 records sent, 79960.635359 records/sec (14.64 MB/sec), 185.88 ms avg latency, 1705.00 ms max latency, 49 ms 50th, 806 ms 95th, 1087 ms 99th, 1658 ms 99.9th.",
                        "336823 steady state records sent, 128460.335622 records/sec (23.52 MB/sec), 41.28 ms avg latency, 243.00 ms max latency, 30 ms 50th, 139 ms 95th, 213 ms 99th, 234 ms 99.9th.");
        ThroughputFigures f = PerfSummaryParser.parse(out).orElseThrow();
        assertThat(f.events()).isEqualTo(336823);
        assertThat(f.eventsPerSecond()).isEqualTo(128460.335622);
        assertThat(f.megabytesPerSecond()).isEqualTo(23.52);
        assertThat(f.avgMs()).isEqualTo(41.28);
        assertThat(f.p50Ms()).isEqualTo(30);
        assertThat(f.p99Ms()).isEqualTo(213);
        assertThat(f.p999Ms()).isEqualTo(234);
        assertThat(f.maxMs()).isEqualTo(243);
    }

    @Test
    void fallsBackToTheOverallSummaryAndReadsDecimalCommas() {
        List<String> out =
                List.of(
                        "1000 records sent, 5000,500000 records/sec (0,95 MB/sec), 2,50 ms avg latency, 9,00 ms max latency, 2 ms 50th, 5 ms 95th, 8 ms 99th, 9 ms 99.9th.");
        ThroughputFigures f = PerfSummaryParser.parse(out).orElseThrow();
        assertThat(f.events()).isEqualTo(1000);
        assertThat(f.eventsPerSecond()).isEqualTo(5000.5);
        assertThat(f.megabytesPerSecond()).isEqualTo(0.95);
    }

    @Test
    void noSummaryIsEmpty() {
        assertThat(
                        PerfSummaryParser.parse(
                                List.of(
                                        "100 records sent, 20.0 records/sec (0.00 MB/sec), 1.0 ms avg latency, 2.0 ms max latency.")))
                .isEmpty();
    }

    @Test
    void medianOfOddAndEvenRuns() {
        ThroughputFigures a = new ThroughputFigures(1, 100, 0, 0, 0, 0, 0, 0, 0);
        ThroughputFigures b = new ThroughputFigures(1, 300, 0, 0, 0, 0, 0, 0, 0);
        ThroughputFigures c = new ThroughputFigures(1, 200, 0, 0, 0, 0, 0, 0, 0);
        assertThat(ProducerBench.median(List.of(a, b, c), ThroughputFigures::eventsPerSecond))
                .isEqualTo(200);
        assertThat(ProducerBench.median(List.of(a, b), ThroughputFigures::eventsPerSecond))
                .isEqualTo(200);
    }
}
