package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts, finds and stops the local stack's processes: a Kafka broker (KRaft) and, where the CLI
 * has it, the ingest gateway, each as its own JVM recorded in {@code stack.json}. Starting is
 * idempotent (a live component is reported, not restarted); stopping signals only processes that
 * {@link Processes#isOurs pass the ownership check}.
 */
public final class StackManager {

    public static final String KAFKA = "kafka";
    public static final String GATEWAY = "gateway";
    public static final String KAFKA_MAIN = "io.fleetpulse.embedded.kafka.EmbeddedKafka";
    public static final String CLI_MAIN = "io.fleetpulse.stack.FleetCli";
    public static final String FEATURE_JOB = "feature-job";
    public static final String FEATURE_JOB_MAIN = "io.fleetpulse.flink.FeatureJobMain";

    private static final String KAFKA_HEAP = "1g";
    private static final String GATEWAY_HEAP = "512m";
    private static final String FEATURE_JOB_HEAP = "1536m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** What {@link #up} found or did per component. */
    public record UpResult(List<ComponentState> started, List<ComponentState> alreadyRunning) {
        /** True if {@code name} was started by this call. */
        public boolean started(String name) {
            return started.stream().anyMatch(c -> c.name().equals(name));
        }
    }

    private final StackLayout layout;
    private final JvmLauncher launcher;

    public StackManager(StackLayout layout, JvmLauncher launcher) {
        this.layout = layout;
        this.launcher = launcher;
    }

    public StackLayout layout() {
        return layout;
    }

    /** The recorded component if it is still our live process. */
    public Optional<ComponentState> running(String name) {
        return StackState.load(layout)
                .component(name)
                .filter(c -> Processes.isOurs(c, layout.workDir()));
    }

    /** Kafka's bootstrap address if our broker runs. */
    public Optional<String> bootstrap() {
        return running(KAFKA).map(ComponentState::address);
    }

    /**
     * Brings the stack up: starts what is missing, provisions the topics, reports on {@code out}.
     *
     * @throws StackException when a port is taken or a component does not start
     */
    public UpResult up(StackConfig config, PrintStream out) {
        List<ComponentState> started = new ArrayList<>();
        List<ComponentState> already = new ArrayList<>();
        ComponentState kafka = running(KAFKA).orElse(null);
        if (kafka != null) {
            requireListening(kafka);
            already.add(kafka);
            if (kafka.port() != config.kafkaPort()) {
                out.printf(
                        "note: Kafka already runs on port %d (asked for %d); ./fleet down to"
                                + " change ports%n",
                        kafka.port(), config.kafkaPort());
            }
        } else {
            kafka = startKafka(config, out);
            started.add(kafka);
        }
        provision(kafka.address(), config, out);
        if (config.withGateway()) {
            ComponentState gateway = running(GATEWAY).orElse(null);
            if (gateway != null) {
                requireListening(gateway);
                already.add(gateway);
            } else {
                started.add(startGateway(config, kafka.address(), out));
            }
        }
        if (config.withFeatureJob()) {
            Optional<ComponentState> job = running(FEATURE_JOB);
            if (job.isPresent()) {
                already.add(job.get());
            } else {
                started.add(startFeatureJob(config, kafka.address(), out));
            }
        }
        return new UpResult(started, already);
    }

    private ComponentState startKafka(StackConfig config, PrintStream out) {
        forget(KAFKA);
        requireFree(config.kafkaPort(), "Kafka", "--kafka-port");
        requireFree(config.controllerPort(), "the Kafka controller", "--controller-port");
        Path log = layout.logFile(KAFKA);
        long offset = Readiness.size(log);
        out.printf(
                "starting Kafka (KRaft) on %s, data in %s ...%n",
                Ports.address(config.kafkaPort()), layout.kafkaDataDir());
        Process p =
                launcher.start(
                        KAFKA,
                        KAFKA_HEAP,
                        KAFKA_MAIN,
                        List.of(
                                "--data-dir", layout.kafkaDataDir().toString(),
                                "--port", Integer.toString(config.kafkaPort()),
                                "--controller-port", Integer.toString(config.controllerPort())));
        ComponentState c =
                record(
                        KAFKA,
                        p,
                        KAFKA_MAIN,
                        Ports.address(config.kafkaPort()),
                        config.kafkaPort(),
                        config.controllerPort(),
                        log);
        Readiness.awaitLogLine(KAFKA, p, log, offset, "READY bootstrap=", config.startTimeout());
        return c;
    }

    private ComponentState startGateway(StackConfig config, String bootstrap, PrintStream out) {
        forget(GATEWAY);
        requireFree(config.gatewayPort(), "the ingest gateway", "--gateway-port");
        Path log = layout.logFile(GATEWAY);
        out.printf("starting the ingest gateway on %s ...%n", Ports.address(config.gatewayPort()));
        Process p =
                launcher.start(
                        GATEWAY,
                        GATEWAY_HEAP,
                        CLI_MAIN,
                        List.of(
                                "gateway",
                                "--port",
                                Integer.toString(config.gatewayPort()),
                                "--bootstrap-server",
                                bootstrap));
        String base = "http://" + Ports.address(config.gatewayPort());
        ComponentState c = record(GATEWAY, p, CLI_MAIN, base, config.gatewayPort(), 0, log);
        Readiness.awaitHttpOk(GATEWAY, p, log, base + "/health", config.startTimeout());
        return c;
    }

    /**
     * FeatureJob in its own JVM's Flink mini cluster (127.0.0.1), checkpointing to the work
     * directory and resuming from its last checkpoint when started again.
     */
    private ComponentState startFeatureJob(StackConfig config, String bootstrap, PrintStream out) {
        forget(FEATURE_JOB);
        Path log = layout.logFile(FEATURE_JOB);
        long offset = Readiness.size(log);
        Path checkpoints =
                layout.workDir().resolve("stack").resolve("checkpoints").resolve(FEATURE_JOB);
        out.printf(
                "starting FeatureJob (Flink mini cluster), checkpoints in %s ...%n", checkpoints);
        Process p =
                launcher.start(
                        FEATURE_JOB,
                        FEATURE_JOB_HEAP,
                        FEATURE_JOB_MAIN,
                        List.of(
                                "--local",
                                "--fleet.kafka.bootstrap-servers",
                                bootstrap,
                                "--fleet.checkpoint.dir",
                                checkpoints.toUri().toString()));
        ComponentState c =
                record(FEATURE_JOB, p, FEATURE_JOB_MAIN, "flink mini cluster", 0, 0, log);
        Readiness.awaitLogLine(
                FEATURE_JOB, p, log, offset, "READY feature-job", config.startTimeout());
        return c;
    }

    /** Records a just-started process at once, so {@code fleet down} finds it even if it fails. */
    private ComponentState record(
            String name,
            Process p,
            String main,
            String address,
            int port,
            int extraPort,
            Path log) {
        Instant started = p.info().startInstant().orElse(Instant.now());
        ComponentState c =
                new ComponentState(
                        name, p.pid(), main, address, port, extraPort, log.toString(), started);
        StackState.load(layout).with(c).save(layout);
        return c;
    }

    private void forget(String name) {
        StackState s = StackState.load(layout);
        if (s.component(name).isPresent()) {
            s.without(name).save(layout);
        }
    }

    private static void requireFree(int port, String what, String option) {
        if (!Ports.isFree(port)) {
            throw new StackException(
                    "port "
                            + port
                            + " on "
                            + Ports.HOST
                            + " (for "
                            + what
                            + ") is in use by another process; stop it (see `ss -ltnp"
                            + " 'sport = :"
                            + port
                            + "'`) or choose another port with "
                            + option);
        }
    }

    private static void requireListening(ComponentState c) {
        if (!Ports.isListening(c.port())) {
            throw new StackException(
                    c.name()
                            + " (pid "
                            + c.pid()
                            + ") runs but does not answer on "
                            + Ports.address(c.port())
                            + "; see "
                            + c.logFile()
                            + ", then ./fleet down and ./fleet up");
        }
    }

    private void provision(String bootstrap, StackConfig config, PrintStream out) {
        Map<String, String> overrides =
                Map.of(
                        "retention.bytes", Long.toString(config.retentionBytes()),
                        "segment.bytes", Long.toString(segmentBytes(config.retentionBytes())));
        try (KafkaInspector k = new KafkaInspector(bootstrap)) {
            List<TopicProvisioner.Outcome> outcomes =
                    new TopicProvisioner(k.admin(), (short) 1, overrides)
                            .provision(Topics.DEFAULT.all());
            out.printf(
                    "topics (replication 1, retention.bytes %s per partition unless compacted):%n",
                    ByteSize.format(config.retentionBytes()));
            TextTable t = new TextTable("topic", "action", "detail");
            outcomes.forEach(o -> t.row(o.topic(), o.action(), o.detail()));
            t.print(out, 2);
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
    static long segmentBytes(long retentionBytes) {
        return Math.max(1024 * 1024, Math.min(retentionBytes / 4, 128L * 1024 * 1024));
    }

    /**
     * Stops every recorded component that is ours, newest first, and removes the state; with {@code
     * purge} also deletes Kafka's data and the logs. Returns the PIDs it stopped.
     */
    public List<Long> down(boolean purge, PrintStream out) {
        StackState state = StackState.load(layout);
        List<Long> stopped = new ArrayList<>();
        if (state.components().isEmpty()) {
            out.println("no stack recorded in " + layout.stateFile() + ": nothing to stop");
        }
        stopped.addAll(stop(state.components(), out));
        StackState.delete(layout);
        if (purge) {
            deleteTree(layout.kafkaDataDir());
            deleteTree(layout.logsDir());
            out.println("purged " + layout.kafkaDataDir() + " and " + layout.logsDir());
        }
        return stopped;
    }

    /**
     * Stops the given components (newest first) if they are ours and removes them from the state;
     * others recorded stay. Returns the PIDs it stopped.
     */
    public List<Long> stop(List<ComponentState> components, PrintStream out) {
        List<Long> stopped = new ArrayList<>();
        List<ComponentState> newestFirst = new ArrayList<>(components);
        java.util.Collections.reverse(newestFirst);
        for (ComponentState c : newestFirst) {
            if (Processes.isOurs(c, layout.workDir())) {
                out.printf("stopping %s (pid %d) ...", c.name(), c.pid());
                out.flush();
                boolean gone = Processes.stop(c.pid(), STOP_GRACE);
                out.println(gone ? " stopped" : " STILL RUNNING (could not stop it)");
                if (!gone) {
                    throw new StackException(
                            "could not stop " + c.name() + " (pid " + c.pid() + ")");
                }
                stopped.add(c.pid());
            } else if (Processes.isAlive(c.pid())) {
                out.printf(
                        "%s: pid %d is alive but is not the process we started (command line or"
                                + " start time differ); left alone%n",
                        c.name(), c.pid());
            } else {
                out.printf("%s (pid %d) was not running%n", c.name(), c.pid());
            }
            StackState state = StackState.load(layout);
            if (state.component(c.name()).filter(x -> x.pid() == c.pid()).isPresent()) {
                state = state.without(c.name());
                if (state.components().isEmpty()) {
                    StackState.delete(layout);
                } else {
                    state.save(layout);
                }
            }
        }
        return stopped;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
