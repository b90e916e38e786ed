package io.fleetpulse.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Processes;
import io.fleetpulse.stack.StackLayout;
import io.fleetpulse.stack.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standalone Flink session cluster (JobManager and TaskManager JVMs from the Maven Central
 * classpath the build resolved) runs FeatureJob submitted as its job jar through the REST API, the
 * way a user submits it to their own cluster: raw telemetry in, imputed telemetry out (read
 * committed), then stop-with-savepoint, both JVMs stopped and no process of the test left.
 */
class FlinkSessionClusterITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int VEHICLES = 4;
    private static final int EVENTS_PER_VEHICLE = 25;

    /** Every fifth event of a vehicle (not its first) misses this sensor. */
    private static final Sensor DROPPED = Sensor.COOLANT_TEMP;

    private StackLayout stack;
    private final List<Process> started = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() {
        Path work = Path.of(System.getProperty("fleet.work.dir", "target"));
        stack =
                new StackLayout(
                        work.resolve("test-flink-cluster").resolve(UUID.randomUUID().toString()));
    }

    @AfterEach
    void tearDown() throws IOException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Processes.stop(started.get(i).pid(), STOP_GRACE);
        }
        if (Files.exists(stack.workDir())) {
            try (Stream<Path> paths = Files.walk(stack.workDir())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shadedFeatureJobRunsOnASessionClusterAndStopsWithASavepoint() throws Exception {
        FlinkArtifacts artifacts = FlinkArtifacts.forWorkDir(stack.workDir());
        FlinkSessionCluster cluster =
                new FlinkSessionCluster(
                        stack,
                        FlinkClusterSettings.defaults()
                                .withPorts(Ports.freePort(), Ports.freePort()),
                        artifacts.clusterClasspath());
        FlinkSessionCluster.Started flink =
                cluster.start(START_TIMEOUT, out, (role, p) -> started.add(p));
        assertThat(flink.rest().overview().path("slots-total").asInt())
                .as("%s", flink.rest().overview())
                .isEqualTo(FlinkClusterSettings.TASK_SLOTS);

        Topics topics = KAFKA.freshTopics();
        ClusterJobs jobs = new ClusterJobs(cluster.layout(), flink.rest());
        ClusterJob featureJob =
                ClusterJob.featureJob(
                        artifacts,
                        KAFKA.bootstrapServers(),
                        "--fleet.kafka.topic-prefix",
                        topics.prefix(),
                        "--fleet.job.parallelism",
                        "1");
        assertThat(featureJob.jar().getFileName().toString()).endsWith("-job.jar");
        ClusterJobs.Submitted submitted = jobs.submit(featureJob, out);
        assertThat(flink.rest().jobState(submitted.jobId())).isPresent();

        List<TelemetryEvent> sent = produce(topics.raw());
        List<ImputedTelemetry> imputed =
                readCommitted(topics.imputed(), sent.size(), OUTPUT_TIMEOUT);

        assertThat(imputed)
                .extracting(FlinkSessionClusterITCase::id)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(e -> e.getVehicleId() + "#" + e.getSeq()).toList());
        List<ImputedTelemetry> gaps = imputed.stream().filter(r -> r.getSeq() % 5 == 4).toList();
        assertThat(gaps).hasSize(VEHICLES * EVENTS_PER_VEHICLE / 5);
        assertThat(gaps)
                .allSatisfy(
                        r -> {
                            assertThat(r.get(DROPPED.field())).isNotNull();
                            assertThat(r.get(DROPPED.field() + "Imputed")).isEqualTo(true);
                        });

        for (Process p : List.of(flink.jobManager(), flink.taskManager())) {
            assertThat(ListeningSockets.of(p.pid()))
                    .as("sockets pid %d listens on", p.pid())
                    .isNotEmpty()
                    .allMatch(ListeningSockets::isLoopback);
        }

        jobs.stopAll(Duration.ofSeconds(120), out);
        assertThat(flink.rest().jobState(submitted.jobId())).contains("FINISHED");
        assertThat(jobs.restorePoint(ClusterJob.FEATURE_JOB))
                .as("stop-with-savepoint leaves a savepoint to resume from; log:%n%s", log)
                .hasValueSatisfying(p -> assertThat(p).contains("savepoint-"));
        assertThat(jobs.recorded()).extracting(ClusterJobs.Submitted::running).containsOnly(false);
        try (Stream<Path> savepoints =
                Files.list(cluster.layout().savepointsDir(ClusterJob.FEATURE_JOB))) {
            assertThat(savepoints.toList()).hasSize(1);
        }

        for (Process p : List.of(flink.taskManager(), flink.jobManager())) {
            assertThat(Processes.stop(p.pid(), STOP_GRACE)).isTrue();
        }
        assertThat(TestStack.processesUsing(stack.workDir())).as("processes left").isEmpty();
    }

    private static String id(ImputedTelemetry r) {
        return r.getVehicleId() + "#" + r.getSeq();
    }

    /** Valid events, every sensor mid-range, with {@link #DROPPED} missing now and then. */
    private static List<TelemetryEvent> produce(TopicSpec<String, TelemetryEvent> raw) {
        List<TelemetryEvent> sent = new ArrayList<>();
        long now = System.currentTimeMillis();
        Map<String, Object> props =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all");
        try (KafkaProducer<String, TelemetryEvent> producer =
                new KafkaProducer<>(
                        props, raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            for (int seq = 0; seq < EVENTS_PER_VEHICLE; seq++) {
                for (int v = 0; v < VEHICLES; v++) {
                    TelemetryEvent e = event("veh-" + v, seq, now - 60_000 + seq * 1_000L);
                    producer.send(new ProducerRecord<>(raw.name(), e.getVehicleId(), e));
                    sent.add(e);
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static TelemetryEvent event(String vehicle, int seq, long time) {
        TelemetryEvent e = new TelemetryEvent();
        e.setVehicleId(vehicle);
        e.setDriverId("driver-" + vehicle);
        e.setEventTime(time);
        e.setSeq(seq);
        for (Sensor s : Sensor.ALL) {
            s.set(e, s.min() + (s.max() - s.min()) * (0.4 + 0.01 * (seq % 10)));
        }
        if (seq % 5 == 4) {
            DROPPED.set(e, null);
        }
        return e;
    }

    private static <V> List<V> readCommitted(
            TopicSpec<String, V> topic, int expected, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(
                        props,
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
                    out.add(r.value());
                }
            }
            // Read on briefly: a duplicate beyond the expected count must show.
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }
}
