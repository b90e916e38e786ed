package io.fleetpulse.flink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.features.FeatureSchema;
import io.fleetpulse.flink.features.Pane;
import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.SlidingFeatures;
import io.fleetpulse.flink.features.TumblingFeatures;
import io.fleetpulse.flink.impute.ImputeTelemetry;
import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.job.TestDrive;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link VehiclePipeline} against the four operators it replaces (ImputeTelemetry, the tumbling
 * window, TumblingFeatures, SlidingFeatures): the same imputed events, late events and features for
 * the same input; the same output across a snapshot and restore; state emptied once vehicles go
 * quiet.
 */
class VehiclePipelineTest {

    private static final long T0 = 1_772_366_400_000L; // a multiple of 10 s
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Duration PANE = Duration.ofSeconds(10);
    private static final Duration SLIDING = Duration.ofSeconds(60);
    private static final long LAG_MS = 2_000;
    private static final MiceConfig MICE = MiceConfig.defaults().withMinObservations(20);

    /** A drive of 4 vehicles at 5 Hz with gaps, missing values, retries and stragglers. */
    private static List<TelemetryEvent> drive() {
        SplittableRandom r = new SplittableRandom(7);
        List<TelemetryEvent> events = new ArrayList<>();
        long[] seq = new long[4];
        for (long t = T0; t < T0 + 150_000; t += 50) {
            int v = (int) ((t - T0) / 50 % 4);
            if ((t - T0) % 200 != v * 50 || (v == 3 && t > T0 + 40_000 && t < T0 + 95_000)) {
                continue; // vehicle 3 is silent for a while: sliding windows fire on timers
            }
            TelemetryEvent e = TestDrive.event("V" + v, seq[v]++, t, r);
            events.add(e);
            if (r.nextDouble() < 0.02) {
                events.add(TelemetryEvent.newBuilder(e).build()); // a device retry
            }
            if (r.nextDouble() < 0.01) {
                TelemetryEvent straggler = TestDrive.event("V" + v, seq[v]++, t - 600, r);
                events.add(straggler); // out of order, within the watermark delay
            }
            if (r.nextDouble() < 0.005) {
                events.add(
                        TestDrive.event("V" + v, seq[v]++, t - 5_000, r)); // behind the watermark
            }
        }
        return events;
    }

    /** What an operator emitted. */
    private record Output(
            List<ImputedTelemetry> imputed, List<Long> late, Map<String, FeatureVector> features) {}

    private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry>
            pipeline(boolean mice) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                VehiclePipeline.typed(MICE, IDLE, mice, PANE, SLIDING),
                TelemetryEvent::getVehicleId,
                Types.STRING);
    }

    /** Sends events with a watermark LAG_MS behind the highest time, every second of event time. */
    private static long feed(
            OneInputStreamOperatorTestHarness<TelemetryEvent, ?> h,
            List<TelemetryEvent> events,
            long lastWatermarkAt)
            throws Exception {
        long max = Long.MIN_VALUE;
        for (TelemetryEvent e : events) {
            h.processElement(
                    new StreamRecord<>(TelemetryEvent.newBuilder(e).build(), e.getEventTime()));
            max = Math.max(max, e.getEventTime());
            if (max - lastWatermarkAt >= 1_000) {
                lastWatermarkAt = max;
                h.processWatermark(new Watermark(max - LAG_MS));
            }
        }
        return lastWatermarkAt;
    }

    private static Output collect(
            KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry> h,
            Output into) {
        into.imputed().addAll(h.extractOutputValues());
        var late = h.getSideOutput(ImputeTelemetry.LATE);
        if (late != null) {
            late.forEach(r -> into.late().add(r.getValue().getSeq()));
        }
        var features = h.getSideOutput(VehiclePipeline.FEATURES);
        if (features != null) {
            features.forEach(r -> put(into.features(), r.getValue()));
        }
        return into;
    }

    private static void put(Map<String, FeatureVector> out, FeatureVector f) {
        FeatureVector copy = FeatureVector.newBuilder(f).setProcessedAt(0L).build();
        String key = f.getVehicleId() + "|" + f.getWindowKind() + "|" + f.getWindowStart();
        assertThat(out.put(key, copy)).as("emitted twice: " + key).isNull();
    }

    private static Output newOutput() {
        return new Output(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
    }

    private static Output runPipeline(List<TelemetryEvent> events, boolean mice) throws Exception {
        try (var h = pipeline(mice)) {
            h.open();
            feed(h, events, Long.MIN_VALUE / 2);
            h.processWatermark(Watermark.MAX_WATERMARK);
            return collect(h, newOutput());
        }
    }

    /** The former graph: ImputeTelemetry, then panes, TumblingFeatures and SlidingFeatures. */
    private static Output runFormer(List<TelemetryEvent> events, boolean mice) throws Exception {
        Output out = newOutput();
        try (var impute =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ImputeTelemetry(MICE, IDLE, mice)),
                        TelemetryEvent::getVehicleId,
                        Types.STRING)) {
            impute.open();
            feed(impute, events, Long.MIN_VALUE / 2);
            impute.processWatermark(Watermark.MAX_WATERMARK);
            out.imputed().addAll(impute.extractOutputValues());
            impute.getSideOutput(ImputeTelemetry.LATE)
                    .forEach(r -> out.late().add(r.getValue().getSeq()));
        }
        Map<String, PaneAccumulator> panes = new TreeMap<>();
        for (ImputedTelemetry e : out.imputed()) {
            long start = e.getEventTime() - Math.floorMod(e.getEventTime(), PANE.toMillis());
            panes.computeIfAbsent(
                            e.getVehicleId() + "|" + (start + Long.MAX_VALUE / 2),
                            k -> new PaneAccumulator())
                    .add(e);
        }
        List<Pane> ordered = new ArrayList<>();
        panes.forEach(
                (k, acc) -> {
                    String vehicle = k.substring(0, k.indexOf('|'));
                    long start =
                            Long.parseLong(k.substring(k.indexOf('|') + 1)) - Long.MAX_VALUE / 2;
                    ordered.add(new Pane(vehicle, start, start + PANE.toMillis(), acc));
                });
        ordered.sort((a, b) -> Long.compare(a.end, b.end));
        TumblingFeatures tumbling = new TumblingFeatures();
        try (var sliding =
                new KeyedOneInputStreamOperatorTestHarness<String, Pane, FeatureVector>(
                        new KeyedProcessOperator<>(
                                new SlidingFeatures(SLIDING, PANE, FeatureSchema.SLIDING_60S)),
                        p -> p.vehicleId,
                        Types.STRING)) {
            sliding.open();
            for (Pane p : ordered) {
                put(out.features(), tumbling.map(p));
                sliding.processWatermark(new Watermark(p.end - 2));
                sliding.processElement(new StreamRecord<>(p, p.end - 1));
            }
            sliding.processWatermark(Watermark.MAX_WATERMARK);
            sliding.extractOutputValues().forEach(f -> put(out.features(), f));
        }
        return out;
    }

    /** What a checkpoint does: the pre-barrier step (the flush), then the snapshot. */
    private static OperatorSubtaskState checkpoint(
            KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry> h,
            long id)
            throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, 0);
    }

    /**
     * The features without the consistency shifts, which only the fused operator computes (the
     * former graph's window operator sees imputed events, not the imputer's residuals).
     */
    private static FeatureVector withoutShifts(FeatureVector f) {
        FeatureVector copy = FeatureVector.newBuilder(f).build();
        for (Sensor s : Sensor.ALL) {
            copy.put(s.field() + FeatureSchema.SHIFT_SUFFIX, 0.0);
        }
        return copy;
    }

    private static void assertSame(Output actual, Output expected) {
        assertThat(actual.imputed()).containsExactlyElementsOf(expected.imputed());
        assertThat(actual.late()).containsExactlyElementsOf(expected.late());
        assertThat(actual.features().keySet())
                .containsExactlyElementsOf(expected.features().keySet());
        List<String> differing =
                actual.features().keySet().stream()
                        .filter(
                                k ->
                                        !withoutShifts(actual.features().get(k))
                                                .equals(expected.features().get(k)))
                        .toList();
        assertThat(differing).as("windows with other features").isEmpty();
    }

    @Test
    void emitsWhatTheFourFormerOperatorsEmit() throws Exception {
        List<TelemetryEvent> events = drive();
        Output fused = runPipeline(events, true);
        Output former = runFormer(events, true);
        assertThat(fused.late()).isNotEmpty();
        assertThat(fused.features()).hasSizeGreaterThan(100);
        assertThat(fused.features().keySet())
                .anyMatch(k -> k.startsWith("V3|SLIDING_60S")); // fired by a timer while quiet
        assertSame(fused, former);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry>
            spreadPipeline(boolean mice, Duration spread) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new VehiclePipeline<>(MICE, IDLE, mice, PANE, SLIDING, spread, new TypedOutputs()),
                TelemetryEvent::getVehicleId,
                Types.STRING);
    }

    @Test
    void spreadWindowsFireEachVehicleItsOffsetAfterTheirEndWithTheSameFeatures() throws Exception {
        List<TelemetryEvent> events = drive();
        Output spread = newOutput();
        try (var h = spreadPipeline(true, Duration.ofSeconds(1))) {
            h.open();
            feed(h, events, Long.MIN_VALUE / 2);
            h.processWatermark(Watermark.MAX_WATERMARK);
            collect(h, spread);
        }
        assertIdentical(spread, runPipeline(events, true));

        // "V0".."V3" hash to offsets 714..717 ms of a 1 s spread: at the pane's end none of them
        // has fired, 716 ms later the first three have, and V3 a millisecond after that.
        long paneEnd = T0 + 19_999;
        try (var h = spreadPipeline(true, Duration.ofSeconds(1))) {
            h.open();
            for (TelemetryEvent e : events) {
                if (e.getEventTime() >= T0 && e.getEventTime() < T0 + 21_000) {
                    h.processElement(new StreamRecord<>(e, e.getEventTime()));
                }
            }
            h.processWatermark(new Watermark(paneEnd));
            assertThat(tumblingFired(h, T0 + 10_000)).isEmpty();
            h.processWatermark(new Watermark(paneEnd + 716));
            assertThat(tumblingFired(h, T0 + 10_000)).containsExactly("V0", "V1", "V2");
            h.processWatermark(new Watermark(paneEnd + 717));
            assertThat(tumblingFired(h, T0 + 10_000)).containsExactly("V0", "V1", "V2", "V3");
        }
    }

    @Test
    void aCheckpointWithoutTheSpreadRestoresIntoAJobWithIt() throws Exception {
        List<TelemetryEvent> events = drive();
        Output split = runWithRestore(events, () -> spreadPipeline(false, Duration.ofSeconds(1)));
        assertIdentical(split, runPipeline(events, false));
    }

    /** Both runs of the fused operator: the same output, consistency shifts included. */
    private static void assertIdentical(Output actual, Output expected) {
        assertThat(actual.imputed()).containsExactlyElementsOf(expected.imputed());
        assertThat(actual.late()).containsExactlyElementsOf(expected.late());
        assertThat(actual.features()).containsExactlyEntriesOf(expected.features());
    }

    /** The vehicles whose tumbling window starting at {@code start} has fired, sorted. */
    private static List<String> tumblingFired(
            KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry> h,
            long start) {
        var features = h.getSideOutput(VehiclePipeline.FEATURES);
        if (features == null) {
            return List.of();
        }
        return features.stream()
                .map(StreamRecord::getValue)
                .filter(f -> f.getWindowStart() == start)
                .filter(f -> f.getWindowKind().equals(FeatureSchema.TUMBLING_10S))
                .map(FeatureVector::getVehicleId)
                .sorted()
                .toList();
    }

    @Test
    void eachVehicleIsBroughtOntoTheHeapOnceWhileItKeepsReporting() throws Exception {
        try (var h = pipeline(true)) {
            h.open();
            feed(h, drive(), Long.MIN_VALUE);
            h.processWatermark(Watermark.MAX_WATERMARK);
            VehiclePipeline operator = (VehiclePipeline) h.getOperator();
            assertThat(operator.slotLoads()).as("four vehicles, none idle for 10 min").isEqualTo(4);
        }
    }

    @Test
    void aRestoredOperatorContinuesWithTheSameOutput() throws Exception {
        List<TelemetryEvent> events = drive();
        Output uninterrupted = runPipeline(events, false);
        assertSame(runWithRestore(events, () -> pipeline(false)), uninterrupted);
    }

    /**
     * A checkpoint taken by the operator before it kept {@code pane-starts} (written once by the
     * operator of commit 93c6ea0 at the point {@link #runWithRestore} checkpoints, MICE off)
     * restores with every pane: the operator indexes them on restore.
     */
    @Test
    void aCheckpointFromBeforeThePaneIndexRestoresWithEveryPane() throws Exception {
        List<TelemetryEvent> events = drive();
        OperatorSubtaskState legacy =
                OperatorSnapshotUtil.readStateHandle(
                        Path.of(
                                        VehiclePipelineTest.class
                                                .getResource(
                                                        "/snapshots/vehicle-pipeline-before-pane-index.snapshot")
                                                .toURI())
                                .toString());
        Output split = runWithRestore(events, () -> pipeline(false), legacy);
        assertIdentical(split, runPipeline(events, false));
    }

    /** Creates a test harness (the operator restored in it). */
    private interface HarnessFactory {
        KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry> create()
                throws Exception;
    }

    /**
     * Runs the first half of {@code events} (MICE off) up to a checkpoint mid-pane, and the rest in
     * the operator {@code restored} makes, restored from that checkpoint.
     */
    private static Output runWithRestore(List<TelemetryEvent> events, HarnessFactory restored)
            throws Exception {
        return runWithRestore(events, restored, null);
    }

    /**
     * As {@link #runWithRestore(List, HarnessFactory)}, restoring {@code checkpoint} instead of the
     * checkpoint the first half ends with, when it is not null (one taken at the same point).
     */
    private static Output runWithRestore(
            List<TelemetryEvent> events, HarnessFactory restored, OperatorSubtaskState checkpoint)
            throws Exception {
        Output split = newOutput();
        int half = events.size() / 2 + 17; // mid-pane, sliding windows pending
        OperatorSubtaskState snapshot;
        long watermarkAt;
        try (var h = pipeline(false)) {
            h.open();
            watermarkAt = feed(h, events.subList(0, half), Long.MIN_VALUE / 2);
            snapshot = checkpoint == null ? checkpoint(h, 1) : checkpoint;
            collect(h, split);
        }
        try (var h = restored.create()) {
            h.initializeState(snapshot);
            h.open();
            feed(h, events.subList(half, events.size()), watermarkAt);
            h.processWatermark(Watermark.MAX_WATERMARK);
            collect(h, split);
        }
        return split;
    }

    @Test
    void aRestoredOperatorKeepsItsLearnedImputationModel() throws Exception {
        List<TelemetryEvent> events = drive();
        OperatorSubtaskState snapshot;
        try (var h = pipeline(true)) {
            h.open();
            feed(h, events.subList(0, 2_000), Long.MIN_VALUE / 2);
            snapshot = checkpoint(h, 1);
        }
        try (var h = pipeline(true)) {
            h.initializeState(snapshot);
            h.open();
            TelemetryEvent e = events.get(2_000);
            TelemetryEvent fresh = TelemetryEvent.newBuilder(e).setVehicleId("V9").build();
            Sensor.ENGINE_RPM.set(fresh, null);
            h.processElement(new StreamRecord<>(fresh, fresh.getEventTime()));
            ImputedTelemetry out = h.extractOutputValues().get(0);
            assertThat(out.getColdStartSensors()).isEmpty(); // the restored model
        }
    }

    @Test
    void restoresACheckpointOfTheFormerImputeOperator() throws Exception {
        List<TelemetryEvent> events = drive().subList(0, 2_000);
        OperatorSubtaskState former;
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ImputeTelemetry(MICE, IDLE, true)),
                        TelemetryEvent::getVehicleId,
                        Types.STRING)) {
            h.open();
            feed(h, events, Long.MIN_VALUE / 2);
            former = h.snapshot(1, 0);
        }
        try (var h = pipeline(true)) {
            h.initializeState(former);
            h.open();
            TelemetryEvent repeat = TelemetryEvent.newBuilder(events.get(1_999)).build();
            h.processElement(new StreamRecord<>(repeat, repeat.getEventTime()));
            assertThat(h.extractOutputValues()).isEmpty(); // its dedup window came along
            TelemetryEvent fresh =
                    TelemetryEvent.newBuilder(events.get(1_999)).setVehicleId("V9").build();
            Sensor.ENGINE_RPM.set(fresh, null);
            h.processElement(new StreamRecord<>(fresh, fresh.getEventTime()));
            assertThat(h.extractOutputValues().get(0).getColdStartSensors()).isEmpty();
            long last = events.get(events.size() - 1).getEventTime();
            h.processWatermark(new Watermark(last + IDLE.toMillis() + SLIDING.toMillis()));
            checkpoint(h, 2);
            assertThat(h.numKeyedStateEntries()).isZero(); // its idle timers came along too
        }
    }

    @Test
    void forgetsVehiclesThatWentQuiet() throws Exception {
        List<TelemetryEvent> events = drive().subList(0, 1_000);
        try (var h = pipeline(true)) {
            h.open();
            feed(h, events, Long.MIN_VALUE / 2);
            checkpoint(h, 1); // flushes the heap state
            assertThat(h.numKeyedStateEntries()).isPositive();
            long last = events.get(events.size() - 1).getEventTime();
            h.processWatermark(new Watermark(last + IDLE.toMillis() + SLIDING.toMillis()));
            checkpoint(h, 2);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aCheckpointRestoresIntoMoreSubtasks() throws Exception {
        List<TelemetryEvent> events = drive();
        Output uninterrupted = runPipeline(events, false);
        int maxParallelism = 128;
        int half = events.size() / 2 + 17; // mid-pane: every vehicle in the raw snapshot
        Output split = newOutput();
        OperatorSubtaskState snapshot;
        long watermarkAt;
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        VehiclePipeline.typed(MICE, IDLE, false, PANE, SLIDING),
                        TelemetryEvent::getVehicleId,
                        Types.STRING,
                        maxParallelism,
                        1,
                        0)) {
            h.open();
            watermarkAt = feed(h, events.subList(0, half), Long.MIN_VALUE / 2);
            snapshot = checkpoint(h, 1);
            collect(h, split);
        }
        List<KeyedOneInputStreamOperatorTestHarness<String, TelemetryEvent, ImputedTelemetry>>
                subtasks = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                var h =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                VehiclePipeline.typed(MICE, IDLE, false, PANE, SLIDING),
                                TelemetryEvent::getVehicleId,
                                Types.STRING,
                                maxParallelism,
                                2,
                                i);
                subtasks.add(h);
                h.initializeState(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                snapshot, maxParallelism, 1, 2, i));
                h.open();
            }
            List<List<TelemetryEvent>> routed = List.of(new ArrayList<>(), new ArrayList<>());
            for (TelemetryEvent e : events.subList(half, events.size())) {
                int subtask =
                        KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                e.getVehicleId(), maxParallelism, 2);
                routed.get(subtask).add(e);
            }
            assertThat(routed).as("both subtasks own vehicles").allMatch(l -> !l.isEmpty());
            long max = events.get(events.size() - 1).getEventTime();
            for (int i = 0; i < 2; i++) {
                var h = subtasks.get(i);
                feed(h, routed.get(i), watermarkAt);
                h.processWatermark(new Watermark(max - LAG_MS));
                h.processWatermark(Watermark.MAX_WATERMARK);
                collect(h, split);
            }
        } finally {
            for (var h : subtasks) {
                h.close();
            }
        }
        // Per vehicle, the same events in the same order; features and late events the same.
        assertThat(byVehicle(split.imputed())).isEqualTo(byVehicle(uninterrupted.imputed()));
        assertThat(split.late()).containsExactlyInAnyOrderElementsOf(uninterrupted.late());
        assertThat(split.features()).isEqualTo(uninterrupted.features());
    }

    private static Map<String, List<ImputedTelemetry>> byVehicle(List<ImputedTelemetry> events) {
        Map<String, List<ImputedTelemetry>> out = new TreeMap<>();
        events.forEach(e -> out.computeIfAbsent(e.getVehicleId(), v -> new ArrayList<>()).add(e));
        return out;
    }
}
