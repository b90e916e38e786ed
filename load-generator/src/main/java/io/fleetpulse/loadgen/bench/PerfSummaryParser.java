package io.fleetpulse.loadgen.bench;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary line Kafka's {@code ProducerPerformance} prints at the end ({@code N records
 * sent, X records/sec (Y MB/sec), A ms avg latency, B ms max latency, P ms 50th, ... 99.9th.}),
 * preferring the steady-state line that follows when warm-up records were used.
 */
final class PerfSummaryParser {

    private static final String NUM = "([0-9]+(?:[.,][0-9]+)?)";
    private static final Pattern SUMMARY =
            Pattern.compile(
                    "(\\d+)( steady state)? records sent, "
                            + NUM
                            + " records/sec \\("
                            + NUM
                            + " MB/sec\\), "
                            + NUM
                            + " ms avg latency, "
                            + NUM
                            + " ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th\\.");

    private PerfSummaryParser() {}

    /** The steady-state summary if present, else the overall one; empty if there is none. */
    static Optional<ThroughputFigures> parse(List<String> lines) {
        ThroughputFigures overall = null;
        ThroughputFigures steady = null;
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line.trim());
            if (!m.find()) {
                continue;
            }
            ThroughputFigures f =
                    new ThroughputFigures(
                            Long.parseLong(m.group(1)),
                            number(m.group(3)),
                            number(m.group(4)),
                            number(m.group(5)),
                            Long.parseLong(m.group(7)),
                            Long.parseLong(m.group(9)),
                            Long.parseLong(m.group(10)),
                            number(m.group(6)),
                            Double.NaN);
            if (m.group(2) != null) {
                steady = f;
            } else {
                overall = f;
            }
        }
        return Optional.ofNullable(steady != null ? steady : overall);
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }
}
