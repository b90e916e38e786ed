package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.observe.LatencyStream;
import io.fleetpulse.stack.observe.PinotProbe;
import io.fleetpulse.stack.observe.PipelineProbe;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The demo's live console view, a few lines every interval: events/s into the raw topic and out of
 * FeatureJob, consumer lag per job, latencies as a user of the outputs sees them (p99 over the
 * interval, from a {@link PipelineProbe}), dead and late letters, the imputation rate, alerts by
 * kind, and Pinot's row count, freshness and query time when Pinot runs. Every part degrades to a
 * dash when its component is not there.
 */
final class DemoMonitor {

    private final KafkaInspector kafka;
    private final Topics topics;
    private final PipelineProbe probe;
    private final PinotProbe pinot;
    private final long startNanos = System.nanoTime();
    private long lastNanos;
    private long lastRaw = -1;
    private long lastProcessed;
    private long firstDead = -1;
    private long firstLate = -1;

    /**
     * @param probe the outputs' probe, or null (no latency figures)
     * @param pinot Pinot's probe, or null when Pinot does not run
     */
    DemoMonitor(KafkaInspector kafka, Topics topics, PipelineProbe probe, PinotProbe pinot) {
        this.kafka = kafka;
        this.topics = topics;
        this.probe = probe;
        this.pinot = pinot;
    }

    /** Takes a sample and returns the console lines (the first sample only sets the baseline). */
    String sample(String loadStatus) {
        long now = System.nanoTime();
        String elapsed = clock(now - startNanos);
        try {
            long raw = kafka.endOffsets(topics.raw().name());
            long dead = kafka.endOffsets(topics.deadLetters().name());
            long late = kafka.endOffsets(topics.late().name());
            if (firstDead < 0) {
                firstDead = dead;
                firstLate = late;
            }
            long processed = probe == null ? 0 : probe.imputedRecords();
            String in = "-";
            String out = "-";
            if (lastRaw >= 0) {
                double seconds = (now - lastNanos) / 1e9;
                in = String.format(Locale.ROOT, "%,.0f", (raw - lastRaw) / seconds);
                out =
                        probe == null
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%,.0f",
                                        (processed - lastProcessed) / seconds);
            }
            lastRaw = raw;
            lastProcessed = processed;
            lastNanos = now;
            StringBuilder s = new StringBuilder();
            s.append(
                    String.format(
                            Locale.ROOT,
                            "[%s] in %s ev/s (raw topic %,d) | imputed out %s ev/s | lag: %s%n",
                            elapsed,
                            in,
                            raw,
                            out,
                            lag()));
            if (probe != null) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "        p99: event->imputed %s, window end->features %s, ->alert %s"
                                        + " | imputed %s of events | dead letters %,d (+%,d),"
                                        + " late %,d (+%,d)%n",
                                p99(probe.imputed()),
                                p99(probe.features()),
                                p99(probe.alerts()),
                                percent(probe.imputationRate()),
                                dead,
                                dead - firstDead,
                                late,
                                late - firstLate));
                s.append("        alerts: ").append(alerts(probe.alertsByKind())).append('\n');
            } else {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "        dead letters %,d (+%,d), late %,d (+%,d)%n",
                                dead,
                                dead - firstDead,
                                late,
                                late - firstLate));
            }
            if (pinot != null) {
                s.append("        pinot: ").append(pinot(pinot.read())).append('\n');
            }
            s.append("        ").append(loadStatus);
            return s.toString();
        } catch (KafkaInspector.KafkaQueryException e) {
            return "[" + elapsed + "] Kafka does not answer: " + e.getMessage();
        }
    }

    private String lag() {
        List<KafkaInspector.GroupLag> lags = kafka.groupLags();
        if (lags.isEmpty()) {
            return "no consumers yet";
        }
        return lags.stream()
                .map(l -> String.format(Locale.ROOT, "%s %,d", l.group(), l.lag()))
                .collect(Collectors.joining(", "));
    }

    private static String p99(LatencyStream stream) {
        Histogram h = stream.nextInterval(true);
        return h.getTotalCount() == 0
                ? "-"
                : String.format(Locale.ROOT, "%,d ms", h.getValueAtPercentile(99));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String alerts(Map<String, Long> byKind) {
        if (byKind.isEmpty()) {
            return "none yet";
        }
        return byKind.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String pinot(PinotProbe.Reading r) {
        if (r.error() != null) {
            return "not answering (" + r.error() + ")";
        }
        return String.format(
                Locale.ROOT,
                "%,d telemetry rows, newest %s old, sample query %d ms (broker %d ms)",
                r.rows(),
                r.freshnessMillis() < 0
                        ? "-"
                        : String.format(Locale.ROOT, "%.1f s", r.freshnessMillis() / 1000.0),
                r.clientMillis(),
                r.brokerMillis());
    }

    private static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
