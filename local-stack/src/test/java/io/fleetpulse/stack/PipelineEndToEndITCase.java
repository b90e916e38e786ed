package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.flink.features.FeatureSchema;
import io.fleetpulse.flink.validate.ValidateTelemetry;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.pinot.PinotBrokerClient;
import io.fleetpulse.stack.component.LearnerComponent;
import io.fleetpulse.stack.component.PinotComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on the local stack, end to end: {@code fleet up} starts Kafka, FeatureJob,
 * LearnerJob and Pinot (own JVMs, free ports on 127.0.0.1, a test-only work directory); the fleet
 * simulator sends 45 s of telemetry with injected engine overheating, some events twice, and
 * malformed, closing and late records go straight to the raw topic. Then every raw record must be
 * accounted for exactly (an imputed event, a dead letter with its reason, a dropped duplicate or a
 * late event, read committed and from FeatureJob's counters), every closed window of every vehicle
 * must have its features, an overheating must be alerted, Pinot must hold the same rows, and every
 * model must have been averaged at least twice. {@code fleet down} must leave no process or port.
 */
class PipelineEndToEndITCase {

    private static final int VEHICLES = 40;
    private static final int RATE = 80;
    private static final Duration LOAD = Duration.ofSeconds(45);
    private static final int DUPLICATE_EVERY = 97;
    private static final int MAX_DUPLICATES = 20;
    private static final int REJECTS_PER_REASON = 3;
    private static final int LATE_EVENTS = 5;
    private static final long PANE_MS = 10_000;
    private static final long SLIDING_MS = 60_000;

    /** How far ahead of the simulator's last event the closing events are. */
    private static final long CLOSE_AHEAD_MS = 30_000;

    /** Generous: the machine is shared; every wait is on a condition, never a fixed sleep. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension final TestStack stack = new TestStack();

    @Test
    void everyRawRecordIsAccountedForAndEveryViewAgrees() throws Exception {
        int[] pinotPorts = stack.usePinotPorts();
        int[] kafkaPorts = TestStack.freePorts(2);
        FleetRun up =
                stack.fleet(
                        "up",
                        "--no-gateway",
                        "--no-model-serving", // fixed port 18080: not for a test on a shared box
                        "--kafka-port",
                        Integer.toString(kafkaPorts[0]),
                        "--controller-port",
                        Integer.toString(kafkaPorts[1]),
                        "--retention-bytes",
                        "16MiB");
        assertThat(up.rc()).as(up.out() + up.err()).isZero();
        List<ComponentState> started = StackState.load(stack.layout()).components();
        assertThat(started)
                .as(up.out())
                .extracting(ComponentState::name)
                .containsExactly(
                        StackManager.KAFKA,
                        StackManager.FEATURE_JOB,
                        LearnerComponent.NAME,
                        PinotComponent.NAME);
        List<Long> pinotPids =
                List.copyOf(PinotCluster.find(stack.pinotDir()).orElseThrow().pids().values());
        String bootstrap = "127.0.0.1:" + kafkaPorts[0];
        Topics topics = Topics.DEFAULT;

        long loadStart = System.currentTimeMillis();
        List<DuplicatingSink> sinks = new ArrayList<>();
        SimulatorLoad load =
                SimulatorLoad.create(
                        bootstrap,
                        null,
                        LOAD,
                        topics,
                        sink -> {
                            DuplicatingSink d =
                                    new DuplicatingSink(sink, DUPLICATE_EVERY, MAX_DUPLICATES);
                            sinks.add(d);
                            return d;
                        },
                        "--vehicles",
                        Integer.toString(VEHICLES),
                        "--rate",
                        Integer.toString(RATE),
                        "--anomaly-rate",
                        "120",
                        "--anomaly-kinds",
                        "ENGINE_OVERHEATING");
        try (RawInjector inject = new RawInjector(bootstrap, topics);
                Outputs out = new Outputs(bootstrap, topics)) {
            load.start();
            inject.sendRejects(REJECTS_PER_REASON, System.currentTimeMillis());
            Await.until("the simulator ends", LOAD.plus(WAIT), load::finished);
            load.close();
            assertThat(load.failure()).isNull();
            DuplicatingSink sim = sinks.get(0);
            assertThat(sim.duplicates()).isEqualTo(MAX_DUPLICATES);
            assertThat(load.acked()).isEqualTo(sim.originals() + sim.duplicates());
            int closers = inject.sendClosers(System.currentTimeMillis() + CLOSE_AHEAD_MS);

            // Every simulated event and closer imputed, every reject dead-lettered, and then the
            // features of every window the closers closed.
            long imputedExpected = sim.originals() + closers;
            Await.until(
                    "imputed events and dead letters",
                    WAIT,
                    () ->
                            out.imputed.catchUp().size() >= imputedExpected
                                    && out.deadLetters.catchUp().size()
                                            >= inject.rejects().values().stream()
                                                    .mapToLong(Long::longValue)
                                                    .sum());
            Map<String, Long> panes = panes(out.imputed.catchUp());
            Await.until(
                    "tumbling features of every closed pane",
                    WAIT,
                    () -> tumbling(out.features.catchUp()).keySet().containsAll(panes.keySet()));

            // Behind the watermark of a vehicle whose windows closed: late.
            String lateVehicle = "V00000";
            inject.sendEvents(lateVehicle, LATE_EVENTS, loadStart - SLIDING_MS);

            long raw = endOffsets(bootstrap, topics.raw().name());
            assertThat(raw)
                    .as("raw records: simulator (with copies) + injected")
                    .isEqualTo(load.acked() + inject.sent());
            FeatureJobMetrics metrics =
                    FeatureJobMetrics.fromLog(stack.layout().logFile(StackManager.FEATURE_JOB));
            FeatureJobMetrics.Counts[] counts = new FeatureJobMetrics.Counts[1];
            Await.until(
                    "FeatureJob has read every raw record and every output is committed",
                    WAIT,
                    () -> {
                        counts[0] = metrics.read();
                        return counts[0].valid() + counts[0].deadLetters() == raw
                                && out.late.catchUp().size() >= LATE_EVENTS
                                && out.imputed.catchUp().size()
                                                + out.deadLetters.catchUp().size()
                                                + out.late.catchUp().size()
                                                + counts[0].duplicates()
                                        >= raw;
                    },
                    () ->
                            String.format(
                                    "raw %d, imputed %d, dead %d, late %d, FeatureJob %s",
                                    raw,
                                    out.imputed.catchUp().size(),
                                    out.deadLetters.catchUp().size(),
                                    out.late.catchUp().size(),
                                    counts[0]));

            // The accounting, exactly: raw in = imputed + dead letters + duplicates + late.
            List<ImputedTelemetry> imputed = out.imputed.catchUp();
            List<DeadLetter> deadLetters = out.deadLetters.catchUp();
            List<TelemetryEvent> late = out.late.catchUp();
            FeatureJobMetrics.Counts c = counts[0];
            String accounting =
                    String.format(
                            "raw %d = imputed %d + dead %d + late %d + duplicates %d; %s",
                            raw,
                            imputed.size(),
                            deadLetters.size(),
                            late.size(),
                            c.duplicates(),
                            c);
            assertThat(imputed.size() + deadLetters.size() + late.size() + c.duplicates())
                    .as(accounting)
                    .isEqualTo(raw);
            assertThat(imputed).as(accounting).hasSize((int) imputedExpected);
            assertThat(imputed.stream().map(e -> e.getVehicleId() + "#" + e.getSeq()))
                    .as("each event imputed once")
                    .doesNotHaveDuplicates();
            assertThat(c.duplicates()).as(accounting).isEqualTo(sim.duplicates());
            assertThat(c.deadLetters()).as(accounting).isEqualTo(deadLetters.size());
            assertThat(c.late()).as(accounting).isEqualTo(late.size());
            assertThat(deadLetters)
                    .extracting(DeadLetter::getStage)
                    .containsOnly(ValidateTelemetry.STAGE);
            assertThat(reasons(deadLetters)).isEqualTo(inject.rejects());
            assertThat(late)
                    .hasSize(LATE_EVENTS)
                    .allMatch(e -> e.getVehicleId().equals(lateVehicle))
                    .allMatch(e -> e.getEventTime() < loadStart);

            // Features: every pane of every simulated vehicle once, counting exactly its events;
            // every sliding window counting the events of its six panes.
            List<FeatureVector> features = out.features.catchUp();
            Set<String> vehicles = new HashSet<>();
            panes.keySet().forEach(k -> vehicles.add(k.substring(0, k.indexOf('@'))));
            assertThat(vehicles).hasSize(VEHICLES);
            Map<String, Long> tumbling = tumbling(features);
            assertThat(tumbling).containsAllEntriesOf(panes);
            assertThat(tumbling.keySet()).allMatch(panes::containsKey);
            assertThat(
                            features.stream()
                                    .map(
                                            f ->
                                                    f.getVehicleId()
                                                            + "@"
                                                            + f.getWindowKind()
                                                            + "@"
                                                            + f.getWindowStart()))
                    .as("each window's features once")
                    .doesNotHaveDuplicates();
            List<FeatureVector> sliding =
                    features.stream()
                            .filter(f -> f.getWindowKind().equals(FeatureSchema.SLIDING_60S))
                            .toList();
            for (String pane : panes.keySet()) {
                String v = pane.substring(0, pane.indexOf('@'));
                long end = Long.parseLong(pane.substring(pane.indexOf('@') + 1)) + PANE_MS;
                assertThat(sliding)
                        .as("sliding window of " + v + " ending " + end)
                        .anyMatch(f -> f.getVehicleId().equals(v) && f.getWindowEnd() == end);
            }
            for (FeatureVector f : sliding) {
                long events = 0;
                for (long s = f.getWindowStart(); s < f.getWindowEnd(); s += PANE_MS) {
                    events += panes.getOrDefault(f.getVehicleId() + "@" + s, 0L);
                }
                assertThat((long) f.getEventCount()).as(f.toString()).isEqualTo(events);
            }

            // An injected overheating is alerted by the learner, for that vehicle and time.
            List<AnomalyLabel> labels = out.labels.catchUp();
            assertThat(labels)
                    .isNotEmpty()
                    .extracting(AnomalyLabel::getKind)
                    .containsOnly(PhysicalRules.ENGINE_OVERHEATING);
            Await.until(
                    "an alert for an injected overheating",
                    WAIT,
                    () -> out.alerts.catchUp().stream().anyMatch(a -> matchesAny(a, labels)));

            // Every model averaged and published at least twice, versions growing.
            Await.until(
                    "two averaging rounds of every model",
                    WAIT,
                    () ->
                            versions(out.models.catchUp()).values().stream()
                                            .allMatch(v -> v.size() >= 2)
                                    && versions(out.models.catchUp()).size()
                                            == ModelKind.values().length);
            for (Map.Entry<String, List<Long>> e : versions(out.models.catchUp()).entrySet()) {
                assertThat(e.getValue()).as(e.getKey()).isSorted().doesNotHaveDuplicates();
            }

            // Pinot holds exactly the committed rows.
            PinotBrokerClient pinot = new PinotBrokerClient("http://127.0.0.1:" + pinotPorts[2]);
            long[] rows = new long[2];
            Await.until(
                    "Pinot's telemetry and vehicle_features rows",
                    WAIT,
                    () -> {
                        rows[0] = count(pinot, "telemetry");
                        rows[1] = count(pinot, "vehicle_features");
                        return rows[0] == imputed.size()
                                && rows[1] == out.features.catchUp().size();
                    });
            assertThat(rows[0]).isEqualTo(imputed.size());
        }

        FleetRun down = stack.fleet("down");
        assertThat(down.rc()).as(down.out() + down.err()).isZero();
        for (ComponentState c : started) {
            assertThat(Processes.isAlive(c.pid())).as(c.name() + " pid " + c.pid()).isFalse();
        }
        assertThat(pinotPids).noneMatch(Processes::isAlive);
        assertThat(IntStream.concat(IntStream.of(pinotPorts), IntStream.of(kafkaPorts)))
                .allMatch(Ports::isFree);
        assertThat(TestStack.processesUsing(stack.layout().workDir())).isEmpty();
    }

    /** Events per vehicle and tumbling pane ({@code vehicle@paneStart}) of simulated vehicles. */
    private static Map<String, Long> panes(List<ImputedTelemetry> imputed) {
        return imputed.stream()
                .filter(e -> !e.getVehicleId().startsWith(RawInjector.PREFIX))
                .collect(
                        Collectors.groupingBy(
                                e ->
                                        e.getVehicleId()
                                                + "@"
                                                + (e.getEventTime() - e.getEventTime() % PANE_MS),
                                TreeMap::new,
                                Collectors.counting()));
    }

    /** Event count per {@code vehicle@windowStart} of the tumbling features. */
    private static Map<String, Long> tumbling(List<FeatureVector> features) {
        Map<String, Long> out = new HashMap<>();
        for (FeatureVector f : features) {
            if (f.getWindowKind().equals(FeatureSchema.TUMBLING_10S)) {
                out.put(f.getVehicleId() + "@" + f.getWindowStart(), (long) f.getEventCount());
            }
        }
        return out;
    }

    private static Map<RejectReason, Long> reasons(List<DeadLetter> letters) {
        return letters.stream()
                .collect(
                        Collectors.groupingBy(
                                d -> RejectReason.valueOf(d.getReasonCode()),
                                Collectors.counting()));
    }

    /** An OPEN alert of a label's vehicle and kind whose window overlaps the labelled events. */
    private static boolean matchesAny(Alert a, List<AnomalyLabel> labels) {
        long length = a.getWindowKind().equals(FeatureSchema.SLIDING_60S) ? SLIDING_MS : PANE_MS;
        return a.getStatus().equals("OPEN")
                && labels.stream()
                        .anyMatch(
                                l ->
                                        l.getVehicleId().equals(a.getVehicleId())
                                                && l.getKind().equals(a.getKind())
                                                && a.getStartTime() <= l.getEndTime()
                                                && a.getStartTime() + length > l.getStartTime());
    }

    private static Map<String, List<Long>> versions(List<ModelSnapshot> snapshots) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (ModelSnapshot s : snapshots) {
            out.computeIfAbsent(s.modelName(), k -> new ArrayList<>()).add(s.version());
        }
        return out;
    }

    private static long count(PinotBrokerClient pinot, String table) {
        return pinot.query("SELECT COUNT(*) FROM " + table).rows().get(0).get(0).asLong();
    }

    private static long endOffsets(String bootstrap, String topic) {
        try (KafkaInspector kafka = new KafkaInspector(bootstrap)) {
            return kafka.endOffsets(topic);
        }
    }

    /** The pipeline's outputs, each read committed from the beginning. */
    private static final class Outputs implements AutoCloseable {
        final CommittedTopic<ImputedTelemetry> imputed;
        final CommittedTopic<FeatureVector> features;
        final CommittedTopic<DeadLetter> deadLetters;
        final CommittedTopic<TelemetryEvent> late;
        final CommittedTopic<Alert> alerts;
        final CommittedTopic<AnomalyLabel> labels;
        final CommittedTopic<ModelSnapshot> models;

        Outputs(String bootstrap, Topics topics) {
            imputed = new CommittedTopic<>(bootstrap, topics.imputed());
            features = new CommittedTopic<>(bootstrap, topics.features());
            deadLetters = new CommittedTopic<>(bootstrap, topics.deadLetters());
            late = new CommittedTopic<>(bootstrap, topics.late());
            alerts = new CommittedTopic<>(bootstrap, topics.alerts());
            labels = new CommittedTopic<>(bootstrap, topics.anomalyLabels());
            models =
                    new CommittedTopic<>(
                            bootstrap, topics.models().name(), ModelSnapshot::fromBytes);
        }

        @Override
        public void close() {
            for (AutoCloseable c :
                    List.<AutoCloseable>of(
                            imputed, features, deadLetters, late, alerts, labels, models)) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing readers: nothing to keep
                }
            }
        }
    }
}
