package io.fleetpulse.learner.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AlertContribution;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.flink.JobEnvironments;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.learner.averaging.RoundAverager;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LearnerJob on a mini cluster against a real broker: features in, averaged model snapshots and
 * alerts out (exactly once), an injected anomaly alerted by a model and an overheating by a rule.
 */
class LearnerJobITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AvroWire<FeatureVector> WIRE = AvroWire.of(FeatureVector.class);
    private static final int WARM_UP = 3_000;
    private static final int RACING_WINDOWS = 6;

    @Test
    void featuresInAlertsAndVersionedSnapshotsOut() throws Exception {
        Topics topics = KAFKA.freshTopics();
        SyntheticFeatures data = new SyntheticFeatures(11, 20);
        JobClient job = start(config(topics));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics, normal(data, WARM_UP));
            // Trained and published, past cold start: every model has a version on 2000+ samples.
            List<ModelSnapshot> snapshots = readModels(topics, s -> everyModel(s, WARM_UP / 2));
            assertThat(everyModel(snapshots, WARM_UP / 2)).isTrue();

            // Thresholds follow the scores of the versions in use: let full generations of
            // scores (300 per replica) come from trained versions before the anomalies.
            send(producer, topics, normal(data, 3_000));
            Map<String, Long> warm =
                    newest(readModels(topics, s -> everyModel(s, WARM_UP + 2_900)));
            awaitAdoption(producer, topics, data, warm);

            long t = SyntheticFeatures.START + 3_600_000;
            // A minute of racing engine: a model alert needs two disjoint windows over its
            // threshold, and under load (a busy CI machine) the adoption loop above feeds many
            // more rounds, so thresholds and scores vary more than on an idle machine.
            List<FeatureVector> anomalies = new ArrayList<>();
            for (int i = 0; i < RACING_WINDOWS; i++) {
                long end = t + (i + 1) * 10_000;
                anomalies.add(
                        SyntheticFeatures.racingEngine(
                                data.window("V-race", end - 10_000, end, "TUMBLING_10S")));
                if (i < 3) {
                    anomalies.add(
                            SyntheticFeatures.overheating(
                                    data.window("V-hot", end - 10_000, end, "TUMBLING_10S"), 120));
                }
            }
            send(producer, topics, anomalies);
            send(producer, topics, normal(data, 200));

            List<Alert> alerts =
                    readAlerts(
                            topics,
                            l ->
                                    modelAlert(l, "V-race").isPresent()
                                            && has(l, "V-hot", PhysicalRules.ENGINE_OVERHEATING));
            assertThat(job.getJobStatus().get().isTerminalState()).isFalse();

            // Whichever model's threshold the racing engine crosses first (the autoencoder's, or
            // the fuel-rate regressor's: 7,200 rpm burns more than it reads), it names the cause.
            Alert racing =
                    modelAlert(alerts, "V-race")
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no model alert for V-race among "
                                                            + alerts.stream()
                                                                    .map(
                                                                            a ->
                                                                                    a.getVehicleId()
                                                                                            + " "
                                                                                            + a
                                                                                                    .getMessage())
                                                                    .toList()));
            assertThat(racing.getStatus()).isEqualTo("OPEN");
            // It starts at a racing window that a later racing window confirmed.
            assertThat(racing.getStartTime()).isBetween(t, t + (RACING_WINDOWS - 2) * 10_000L);
            assertThat(racing.getModel()).isIn("anomaly-ae", "fuel-rate");
            assertThat(racing.getModelVersion()).isPositive();
            assertThat(racing.getScore()).isGreaterThan(racing.getThreshold());
            assertThat(racing.getExplanation())
                    .extracting(AlertContribution::getFeature)
                    .anyMatch(f -> f.startsWith("engineRpm") || f.startsWith("oilPressure"));

            Alert hot = find(alerts, "V-hot", PhysicalRules.ENGINE_OVERHEATING);
            assertThat(hot.getSeverity()).isEqualTo("CRITICAL");
            assertThat(hot.getStartTime()).isEqualTo(t);
            assertThat(hot.getExplanation().get(0).getFeature()).isEqualTo("coolantTempMax");
            assertThat(hot.getModelVersion()).isPositive();

            // Exactly once: every alert record appears once; one OPEN per vehicle and kind.
            Set<String> seen = new HashSet<>();
            for (Alert a : alerts) {
                assertThat(seen.add(a.getAlertId() + "|" + a.getStatus()))
                        .as("duplicate " + a.getAlertId())
                        .isTrue();
            }
            assertThat(
                            alerts.stream()
                                    .filter(a -> a.getVehicleId().equals("V-hot"))
                                    .filter(
                                            a ->
                                                    a.getKind()
                                                            .equals(
                                                                    PhysicalRules
                                                                            .ENGINE_OVERHEATING))
                                    .filter(a -> a.getStatus().equals("OPEN")))
                    .hasSize(1);

            List<ModelSnapshot> all = readModels(topics, s -> true);
            Map<String, Long> lastVersion = new HashMap<>();
            Set<Integer> replicas = new HashSet<>();
            for (ModelSnapshot s : all) {
                Long previous = lastVersion.put(s.modelName(), s.version());
                if (previous != null) {
                    assertThat(s.version()).as(s.modelName()).isGreaterThan(previous);
                }
                replicas.addAll(s.replicas());
            }
            assertThat(lastVersion).containsOnlyKeys("anomaly-ae", "fuel-rate", "brake-wear");
            assertThat(replicas).containsExactlyInAnyOrder(0, 1);
        } finally {
            job.cancel().get();
        }
    }

    private static boolean everyModel(List<ModelSnapshot> snapshots, long samples) {
        Set<String> done = new HashSet<>();
        for (ModelSnapshot s : snapshots) {
            if (s.sampleCount() >= samples) {
                done.add(s.modelName());
            }
        }
        return done.size() == ModelKind.values().length;
    }

    /** The newest version of every model. */
    private static Map<String, Long> newest(List<ModelSnapshot> snapshots) {
        Map<String, Long> out = new HashMap<>();
        snapshots.forEach(s -> out.merge(s.modelName(), s.version(), Math::max));
        return out;
    }

    /**
     * Sends normal windows in small portions until, for every model, a round was averaged from
     * replicas that all had adopted at least the version in {@code versions} (a checkpoint after it
     * was published): only then do the replicas score with it.
     */
    private static void awaitAdoption(
            KafkaProducer<String, byte[]> producer,
            Topics topics,
            SyntheticFeatures data,
            Map<String, Long> versions)
            throws Exception {
        Predicate<List<ModelSnapshot>> adopted = l -> adoptedEverywhere(l, versions);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!adopted.test(readModels(topics, adopted, Duration.ofSeconds(2)))) {
            assertThat(System.nanoTime()).as("replicas adopt " + versions).isLessThan(deadline);
            send(producer, topics, normal(data, 100));
        }
    }

    private static boolean adoptedEverywhere(
            List<ModelSnapshot> snapshots, Map<String, Long> versions) {
        Map<String, Long> based = new HashMap<>();
        for (ModelSnapshot s : snapshots) {
            double base = s.metrics().getOrDefault(RoundAverager.ROUND_OLDEST_BASE, 0.0);
            based.merge(s.modelName(), (long) base, Math::max);
        }
        return versions.entrySet().stream()
                .allMatch(e -> based.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The first alert a model (not a rule) raised for {@code vehicle}. */
    private static java.util.Optional<Alert> modelAlert(List<Alert> alerts, String vehicle) {
        return alerts.stream()
                .filter(a -> a.getVehicleId().equals(vehicle) && a.getSource().equals("MODEL"))
                .findFirst();
    }

    private static boolean has(List<Alert> alerts, String vehicle, String kind) {
        return alerts.stream()
                .anyMatch(a -> a.getVehicleId().equals(vehicle) && a.getKind().equals(kind));
    }

    private static Alert find(List<Alert> alerts, String vehicle, String kind) {
        return alerts.stream()
                .filter(a -> a.getVehicleId().equals(vehicle) && a.getKind().equals(kind))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no "
                                                + kind
                                                + " alert for "
                                                + vehicle
                                                + " among "
                                                + alerts.stream().map(Alert::getMessage).toList()));
    }

    private static List<FeatureVector> normal(SyntheticFeatures data, int n) {
        List<FeatureVector> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(data.next());
        }
        return out;
    }

    private static Configuration config(Topics topics) {
        Configuration c = new Configuration();
        c.set(LearnerOptions.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
        c.set(LearnerOptions.TOPIC_PREFIX, topics.prefix());
        c.set(LearnerOptions.GROUP_ID, "learner-" + topics.prefix());
        c.set(LearnerOptions.TRANSACTIONAL_ID_PREFIX, "learner-" + topics.prefix());
        c.set(LearnerOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        c.set(LearnerOptions.PARALLELISM, 2);
        c.set(LearnerOptions.BATCH_SIZE, 16);
        c.set(LearnerOptions.REPORT_EVERY, Duration.ofSeconds(1));
        c.set(LearnerOptions.REPORT_EVERY_BATCHES, 10);
        c.set(LearnerOptions.STRAGGLER_TIMEOUT, Duration.ofSeconds(2));
        c.set(LearnerOptions.COLD_START_SAMPLES, 1_000L);
        c.set(LearnerOptions.THRESHOLD_QUANTILE, 0.995);
        c.set(LearnerOptions.THRESHOLD_MARGIN, 1.5);
        // Thresholds are per replica and vehicles split unevenly between the two: short
        // generations let the replica with fewer vehicles have a threshold after the warm-up.
        c.set(LearnerOptions.THRESHOLD_WINDOW, 300);
        c.set(LearnerOptions.LEARNING_RATE, 1e-2);
        c.set(LearnerOptions.THRESHOLD_MIN_SCORES, 100);
        c.set(LearnerOptions.DEVICE, "cpu");
        c.setString(JobEnvironments.LOCAL_FLAG, "true");
        return c;
    }

    private static JobClient start(Configuration config) throws Exception {
        StreamExecutionEnvironment env = JobEnvironments.create(config);
        Topics topics = Topics.withPrefix(config.get(LearnerOptions.TOPIC_PREFIX));
        new LearnerJob(
                        LearnerSources.kafka(topics, config),
                        LearnerSinks.kafka(topics, config),
                        config)
                .build(env);
        return env.executeAsync("LearnerJob under test");
    }

    private static List<ModelSnapshot> readModels(
            Topics topics, Predicate<List<ModelSnapshot>> done) {
        return readModels(topics, done, WAIT);
    }

    private static List<ModelSnapshot> readModels(
            Topics topics, Predicate<List<ModelSnapshot>> done, Duration wait) {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readUntil(
                        KAFKA.bootstrapServers(),
                        topics.models().name(),
                        new StringDeserializer(),
                        new ByteArrayDeserializer(),
                        l -> done.test(decode(l)),
                        wait);
        List<ModelSnapshot> out = decode(records);
        for (ConsumerRecord<String, byte[]> r : records) {
            assertThat(r.key()).isEqualTo(ModelSnapshot.fromBytes(r.value()).modelName());
        }
        return out;
    }

    private static List<ModelSnapshot> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ModelSnapshot.fromBytes(r.value())).toList();
    }

    private static List<Alert> readAlerts(Topics topics, Predicate<List<Alert>> done) {
        var serde = topics.alerts().valueSerde();
        return TopicReader.readUntil(
                        KAFKA.bootstrapServers(),
                        topics.alerts().name(),
                        new StringDeserializer(),
                        serde.deserializer(),
                        l -> done.test(l.stream().map(ConsumerRecord::value).toList()),
                        WAIT)
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, Topics topics, List<FeatureVector> vectors)
            throws Exception {
        for (FeatureVector v : vectors) {
            producer.send(
                    new ProducerRecord<>(
                            topics.features().name(), v.getVehicleId(), WIRE.encode(v)));
        }
        producer.flush();
    }
}
