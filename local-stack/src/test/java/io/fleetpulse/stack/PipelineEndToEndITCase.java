package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on the local stack, end to end: {@code fleet up} starts Kafka, FeatureJob,
 * LearnerJob and Pinot (own JVMs, free ports on 127.0.0.1, a test-only work directory); the fleet
 * simulator sends 45 s of telemetry with injected engine overheating and some events twice, and
 * malformed, closing and late records go straight to the raw topic. Then every raw record must be
 * accounted for exactly (an imputed event, a dead letter with its reason, a dropped duplicate or a
 * late event; read committed, and from FeatureJob's counters), every closed window of every vehicle
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
    private static final String LATE_VEHICLE = "V00000";

    /** How far ahead of the simulator's last event the closing events are. */
    private static final long CLOSE_AHEAD_MS = 30_000;

    /** Generous: the machine is shared; every wait is on a condition, never a fixed sleep. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension final TestStack stack = new TestStack();

    private final int[] pinotPorts = new int[5];
    private final int[] kafkaPorts = TestStack.freePorts(2);
    private final Topics topics = Topics.DEFAULT;
    private String bootstrap;

    @Test
    void everyRawRecordIsAccountedForAndEveryViewAgrees() throws Exception {
        List<ComponentState> started = up();
        List<Long> pinotPids =
                List.copyOf(PinotCluster.find(stack.pinotDir()).orElseThrow().pids().values());

        long loadStart = System.currentTimeMillis();
        List<DuplicatingSink> sinks = new ArrayList<>();
        SimulatorLoad load = simulator(sinks);
        try (RawInjector inject = new RawInjector(bootstrap, topics);
                PipelineOutputs out = new PipelineOutputs(bootstrap, topics)) {
            load.start();
            inject.sendRejects(REJECTS_PER_REASON, System.currentTimeMillis());
            Await.until("the simulator ends", LOAD.plus(WAIT), load::finished);
            load.close();
            assertThat(load.failure()).isNull();
            DuplicatingSink sim = sinks.get(0);
            assertThat(sim.duplicates()).isEqualTo(MAX_DUPLICATES);
            assertThat(load.acked()).isEqualTo(sim.originals() + sim.duplicates());
            int closers = inject.sendClosers(System.currentTimeMillis() + CLOSE_AHEAD_MS);

            // Every simulated event and closer imputed, every reject dead-lettered, then the
            // features of every window the closers closed.
            long imputedExpected = sim.originals() + closers;
            long rejects = inject.rejects().values().stream().mapToLong(Long::longValue).sum();
            Await.until(
                    "imputed events and dead letters",
                    WAIT,
                    () ->
                            out.imputed.catchUp().size() >= imputedExpected
                                    && out.deadLetters.catchUp().size() >= rejects,
                    () ->
                            String.format(
                                    "imputed %d of %d, dead letters %d of %d",
                                    out.imputed.catchUp().size(),
                                    imputedExpected,
                                    out.deadLetters.catchUp().size(),
                                    rejects));
            FeatureWindows windows =
                    FeatureWindows.of(
                            out.imputed.catchUp(), v -> !v.startsWith(RawInjector.PREFIX));
            assertThat(windows.vehicles()).hasSize(VEHICLES);
            Await.until(
                    "tumbling features of every closed pane",
                    WAIT,
                    () -> windows.tumblingCovered(out.features.catchUp()));

            // Behind the watermark of a vehicle whose windows closed: late.
            inject.sendEvents(LATE_VEHICLE, LATE_EVENTS, loadStart - FeatureWindows.SLIDING_MS);

            long raw;
            try (KafkaInspector kafka = new KafkaInspector(bootstrap)) {
                raw = kafka.endOffsets(topics.raw().name()); // no transactions: one per record
            }
            assertThat(raw)
                    .as("raw records: simulator (with copies) + injected")
                    .isEqualTo(load.acked() + inject.sent());
            FeatureJobMetrics.Counts counts = drained(out, raw);
            List<ImputedTelemetry> imputed = out.imputed.catchUp();
            assertAccounting(out, raw, counts, sim.duplicates(), inject);
            assertThat(imputed).hasSize((int) imputedExpected);
            windows.assertMatch(out.features.catchUp());
            assertAlertedAndAveraged(out);
            assertPinotRows(out, imputed.size());
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

    /** {@code fleet up} on free ports, without the gateway and model-serving; what it started. */
    private List<ComponentState> up() {
        System.arraycopy(stack.usePinotPorts(), 0, pinotPorts, 0, pinotPorts.length);
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
        bootstrap = "127.0.0.1:" + kafkaPorts[0];
        List<ComponentState> started = StackState.load(stack.layout()).components();
        assertThat(started)
                .as(up.out())
                .extracting(ComponentState::name)
                .containsExactly(
                        StackManager.KAFKA,
                        StackManager.FEATURE_JOB,
                        LearnerComponent.NAME,
                        PinotComponent.NAME);
        return started;
    }

    /** The fleet simulator with engine overheating injected, some events sent twice. */
    private SimulatorLoad simulator(List<DuplicatingSink> sinks) {
        return SimulatorLoad.create(
                bootstrap,
                null,
                LOAD,
                topics,
                sink -> {
                    DuplicatingSink d = new DuplicatingSink(sink, DUPLICATE_EVERY, MAX_DUPLICATES);
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
    }

    /**
     * Waits until FeatureJob's counters show every raw record read and the committed outputs add up
     * to them; returns the counters.
     */
    private FeatureJobMetrics.Counts drained(PipelineOutputs out, long raw) throws Exception {
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
        return counts[0];
    }

    /** Raw in = imputed + dead letters + duplicates + late, each as injected, exactly. */
    private static void assertAccounting(
            PipelineOutputs out,
            long raw,
            FeatureJobMetrics.Counts c,
            long duplicates,
            RawInjector inject) {
        List<ImputedTelemetry> imputed = out.imputed.catchUp();
        List<DeadLetter> deadLetters = out.deadLetters.catchUp();
        List<TelemetryEvent> late = out.late.catchUp();
        String accounting =
                String.format(
                        "raw %d = imputed %d + dead %d + late %d + duplicates %d; %s",
                        raw, imputed.size(), deadLetters.size(), late.size(), c.duplicates(), c);
        assertThat(imputed.size() + deadLetters.size() + late.size() + c.duplicates())
                .as(accounting)
                .isEqualTo(raw);
        assertThat(imputed.stream().map(e -> e.getVehicleId() + "#" + e.getSeq()))
                .as("each event imputed once")
                .doesNotHaveDuplicates();
        assertThat(c.duplicates()).as(accounting).isEqualTo(duplicates);
        assertThat(c.deadLetters()).as(accounting).isEqualTo(deadLetters.size());
        assertThat(c.late()).as(accounting).isEqualTo(late.size());
        assertThat(deadLetters)
                .extracting(DeadLetter::getStage)
                .containsOnly(ValidateTelemetry.STAGE);
        assertThat(
                        deadLetters.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                d -> RejectReason.valueOf(d.getReasonCode()),
                                                Collectors.counting())))
                .isEqualTo(inject.rejects());
        assertThat(late)
                .hasSize(LATE_EVENTS)
                .allMatch(e -> e.getVehicleId().equals(LATE_VEHICLE))
                .allMatch(e -> e.getSeq() >= RawInjector.LATE_SEQ);
    }

    /** An injected overheating is alerted; every model averaged at least twice. */
    private static void assertAlertedAndAveraged(PipelineOutputs out) throws Exception {
        List<AnomalyLabel> labels = out.labels.catchUp();
        assertThat(labels)
                .isNotEmpty()
                .extracting(AnomalyLabel::getKind)
                .containsOnly(PhysicalRules.ENGINE_OVERHEATING);
        Await.until(
                "an alert for an injected overheating",
                WAIT,
                () -> out.alerts.catchUp().stream().anyMatch(a -> matchesAny(a, labels)),
                () -> "alerts " + out.alerts.catchUp() + ", labels " + labels);
        Await.until(
                "two averaging rounds of every model",
                WAIT,
                () -> {
                    Map<String, List<Long>> v = versions(out.models.catchUp());
                    return v.size() == ModelKind.values().length
                            && v.values().stream().allMatch(l -> l.size() >= 2);
                },
                () -> "versions " + versions(out.models.catchUp()));
        for (Map.Entry<String, List<Long>> e : versions(out.models.catchUp()).entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * Pinot's tables hold exactly the committed rows of their topics (alerts: one row per alert id,
     * the table upserts OPEN to CLEARED).
     */
    private void assertPinotRows(PipelineOutputs out, long imputed) throws Exception {
        PinotBrokerClient pinot = new PinotBrokerClient("http://127.0.0.1:" + pinotPorts[2]);
        long[] rows = new long[3];
        long[] expected = new long[3];
        Await.until(
                "Pinot's telemetry, vehicle_features and alerts rows",
                WAIT,
                () -> {
                    expected[0] = imputed;
                    expected[1] = out.features.catchUp().size();
                    expected[2] =
                            out.alerts.catchUp().stream().map(Alert::getAlertId).distinct().count();
                    rows[0] = count(pinot, "telemetry");
                    rows[1] = count(pinot, "vehicle_features");
                    rows[2] = count(pinot, "alerts");
                    return Arrays.equals(rows, expected);
                },
                () ->
                        String.format(
                                "telemetry %d of %d, vehicle_features %d of %d, alerts %d of %d",
                                rows[0], expected[0], rows[1], expected[1], rows[2], expected[2]));
    }

    /** An OPEN alert of a label's vehicle and kind whose window overlaps the labelled events. */
    private static boolean matchesAny(Alert a, List<AnomalyLabel> labels) {
        long length =
                a.getWindowKind().equals(FeatureSchema.SLIDING_60S)
                        ? FeatureWindows.SLIDING_MS
                        : FeatureWindows.PANE_MS;
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
}
