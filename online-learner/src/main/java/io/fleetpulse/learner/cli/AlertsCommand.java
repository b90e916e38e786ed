package io.fleetpulse.learner.cli;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.learner.detect.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet alerts}: follows the alerts topic for a person at a terminal (one readable line per
 * alert) or for scripts ({@code --json}, one JSON object per line), filtered by vehicle, kind and
 * least severity. Reads committed alerts only; starts at the end of the topic unless {@code
 * --from-beginning}; with {@code --until-idle} stops once no matching alert arrived for that long.
 */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "Follow the anomaly alerts of the online learner.")
public final class AlertsCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            hidden = true,
            description = "Prefix of the topic names (tests).")
    String topicPrefix;

    @Option(
            names = {"--vehicle", "-v"},
            description = "Only this vehicle (repeatable).")
    List<String> vehicles = new ArrayList<>();

    @Option(
            names = {"--kind", "-k"},
            description = "Only this kind, e.g. ENGINE_OVERHEATING or MODEL_ANOMALY (repeatable).")
    List<String> kinds = new ArrayList<>();

    @Option(
            names = {"--severity", "-s"},
            defaultValue = "INFO",
            description =
                    "Least severity shown: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Severity severity;

    @Option(names = "--json", description = "One JSON object per line (for scripts).")
    boolean json;

    @Option(
            names = "--from-beginning",
            description = "Start with the oldest alert kept, not with new ones.")
    boolean fromBeginning;

    @Option(
            names = "--until-idle",
            paramLabel = "SECONDS",
            description = "Stop once no matching alert arrived for this many seconds.")
    Double untilIdleSeconds;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "15",
            description =
                    "How long to wait for Kafka before giving up (default: ${DEFAULT-VALUE}).")
    double connectTimeoutSeconds;

    @Spec CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> active;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (untilIdleSeconds != null && !(untilIdleSeconds > 0)) {
            err.println("fleet alerts: --until-idle must be a positive number of seconds");
            return 2;
        }
        AlertFilter filter = new AlertFilter(Set.copyOf(vehicles), Set.copyOf(kinds), severity);
        String topic = Topics.withPrefix(topicPrefix).alerts().name();
        AvroWire<Alert> wire = AvroWire.of(Alert.class);
        Thread hook = new Thread(this::stop, "fleet-alerts-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            active = consumer;
            List<PartitionInfo> partitions;
            try {
                partitions =
                        consumer.partitionsFor(
                                topic, Duration.ofMillis((long) (connectTimeoutSeconds * 1000)));
            } catch (KafkaException e) {
                err.println(
                        "fleet alerts: cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
                return 1;
            }
            if (partitions == null || partitions.isEmpty()) {
                err.println("fleet alerts: topic " + topic + " does not exist at " + bootstrap);
                return 1;
            }
            List<TopicPartition> assigned =
                    partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            assigned.forEach(consumer::position); // resolve now: "new" means from this moment
            err.printf(
                    "fleet alerts: following %s at %s%s%n",
                    topic, bootstrap, fromBeginning ? " from the beginning" : " (new alerts only)");
            err.flush();
            long idleNanos =
                    untilIdleSeconds == null ? Long.MAX_VALUE : (long) (untilIdleSeconds * 1e9);
            long lastMatch = System.nanoTime();
            while (System.nanoTime() - lastMatch < idleNanos) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    Alert a;
                    try {
                        a = wire.decode(r.value());
                    } catch (RuntimeException e) {
                        err.printf(
                                "fleet alerts: skipping an unreadable record at %s-%d@%d: %s%n",
                                r.topic(), r.partition(), r.offset(), e.getMessage());
                        continue;
                    }
                    if (filter.accepts(a)) {
                        out.println(json ? AlertFormat.json(a) : AlertFormat.line(a));
                        lastMatch = System.nanoTime();
                    }
                }
                out.flush();
            }
            return 0;
        } catch (WakeupException e) {
            return 0; // Ctrl-C
        } finally {
            active = null;
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private void stop() {
        KafkaConsumer<String, byte[]> c = active;
        if (c != null) {
            c.wakeup();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "fleet-alerts-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "fleet-alerts");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
