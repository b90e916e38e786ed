package io.fleetpulse.stack.component;

import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.ByteSize;
import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.KafkaInspector;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackConfig;
import io.fleetpulse.stack.StackContext;
import io.fleetpulse.stack.StackException;
import io.fleetpulse.stack.TextTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka broker (KRaft, broker and controller in one JVM) every other component reads and
 * writes; once up, it provisions every FleetPulse topic idempotently.
 */
public final class KafkaComponent implements StackComponent {

    public static final String NAME = "kafka";
    public static final String MAIN = "io.fleetpulse.embedded.kafka.EmbeddedKafka";
    private static final String HEAP = "1g";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wanted(StackConfig config) {
        return true;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        StackConfig config = ctx.config();
        ctx.forget(NAME);
        StackContext.requireFree(config.kafkaPort(), "Kafka", "--kafka-port");
        StackContext.requireFree(
                config.controllerPort(), "the Kafka controller", "--controller-port");
        Path log = ctx.layout().logFile(NAME);
        long offset = Readiness.size(log);
        ctx.out()
                .printf(
                        "starting Kafka (KRaft) on %s, data in %s ...%n",
                        Ports.address(config.kafkaPort()), ctx.layout().kafkaDataDir());
        Process p =
                ctx.launcher()
                        .start(
                                NAME,
                                HEAP,
                                MAIN,
                                List.of(
                                        "--data-dir", ctx.layout().kafkaDataDir().toString(),
                                        "--port", Integer.toString(config.kafkaPort()),
                                        "--controller-port",
                                                Integer.toString(config.controllerPort())));
        ComponentState c =
                ctx.record(
                        NAME,
                        p,
                        MAIN,
                        Ports.address(config.kafkaPort()),
                        config.kafkaPort(),
                        config.controllerPort(),
                        log);
        Readiness.awaitLogLine(NAME, p, log, offset, "READY bootstrap=", config.startTimeout());
        return c;
    }

    @Override
    public void verifyRunning(ComponentState kafka, StackContext ctx) {
        StackContext.requireListening(kafka);
        if (kafka.port() != ctx.config().kafkaPort()) {
            ctx.out()
                    .printf(
                            "note: Kafka already runs on port %d (asked for %d); ./fleet down to"
                                    + " change ports%n",
                            kafka.port(), ctx.config().kafkaPort());
        }
    }

    @Override
    public void afterUp(ComponentState kafka, StackContext ctx) {
        StackConfig config = ctx.config();
        String bootstrap = kafka.address();
        Map<String, String> overrides =
                Map.of(
                        "retention.bytes", Long.toString(config.retentionBytes()),
                        "segment.bytes", Long.toString(segmentBytes(config.retentionBytes())));
        try (KafkaInspector k = new KafkaInspector(bootstrap)) {
            List<TopicProvisioner.Outcome> outcomes =
                    new TopicProvisioner(k.admin(), (short) 1, overrides)
                            .provision(Topics.DEFAULT.all());
            ctx.out()
                    .printf(
                            "topics (replication 1, retention.bytes %s per partition unless"
                                    + " compacted):%n",
                            ByteSize.format(config.retentionBytes()));
            TextTable t = new TextTable("topic", "action", "detail");
            outcomes.forEach(o -> t.row(o.topic(), o.action(), o.detail()));
            t.print(ctx.out(), 2);
            awaitVisible(k, Topics.DEFAULT.all().stream().map(TopicSpec::name).toList(), config);
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException("provisioning topics on " + bootstrap + " failed: " + e, e);
        }
    }

    /**
     * Waits until the broker's metadata lists every topic: a topic just created may take a moment
     * to show up, and clients started right after {@code fleet up} must find it.
     */
    private static void awaitVisible(KafkaInspector k, List<String> names, StackConfig config)
            throws Exception {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (true) {
            Set<String> listed = k.admin().listTopics().names().get();
            List<String> missing = names.stream().filter(n -> !listed.contains(n)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("topics " + missing + " were created but are not listed");
            }
            Thread.sleep(100);
        }
    }

    /** Segments small enough that retention by size can delete something (a quarter, ≤ 128 MiB). */
    public static long segmentBytes(long retentionBytes) {
        return Math.max(1024 * 1024, Math.min(retentionBytes / 4, 128L * 1024 * 1024));
    }
}
