package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.Topics;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's live console line, computed from the broker alone: events/s into the raw topic (from
 * its end offsets over time), consumer lag of every pipeline consumer group, and dead letters (the
 * dead-letter topic's end offsets). Reading only offsets keeps it cheap and independent of which
 * jobs exist yet.
 */
final class DemoMonitor {

    private final KafkaInspector kafka;
    private final Topics topics;
    private final long startNanos = System.nanoTime();
    private long lastNanos;
    private long lastRaw = -1;
    private long firstDead = -1;

    DemoMonitor(KafkaInspector kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** Takes a sample and returns the console line (the first sample only sets the baseline). */
    String sample(String loadStatus) {
        long now = System.nanoTime();
        String elapsed = clock(now - startNanos);
        try {
            long raw = kafka.endOffsets(topics.raw().name());
            long dead = kafka.endOffsets(topics.deadLetters().name());
            if (firstDead < 0) {
                firstDead = dead;
            }
            String rate;
            if (lastRaw < 0) {
                rate = "-";
            } else {
                double seconds = (now - lastNanos) / 1e9;
                rate = String.format("%,.0f", (raw - lastRaw) / seconds);
            }
            lastRaw = raw;
            lastNanos = now;
            return String.format(
                    "[%s] in: %s ev/s (raw topic %,d) | lag: %s | dead letters: %,d (+%,d) | %s",
                    elapsed, rate, raw, lag(), dead, dead - firstDead, loadStatus);
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
                .map(l -> String.format("%s %,d", l.group(), l.lag()))
                .collect(Collectors.joining(", "));
    }

    private static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
