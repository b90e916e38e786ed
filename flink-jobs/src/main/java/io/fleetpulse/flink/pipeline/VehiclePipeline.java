package io.fleetpulse.flink.pipeline;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.dedup.SequenceWindow;
import io.fleetpulse.flink.features.FeatureSchema;
import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.PaneAccumulatorSerializer;
import io.fleetpulse.flink.impute.ImputeTelemetry;
import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.impute.MiceStatistics;
import io.fleetpulse.flink.impute.VehicleState;
import io.fleetpulse.flink.impute.VehicleStateSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * FeatureJob's per-vehicle work in one keyed operator: de-duplication, MICE imputation, the 10 s
 * tumbling panes and the 60 s sliding windows built from them — what {@code ImputeTelemetry}, the
 * window operator, {@code TumblingFeatures} and {@code SlidingFeatures} do as four operators, with
 * the same output. Why one: the hot per-vehicle state (dedup window, imputer memory, open pane)
 * lives on the heap and reaches the keyed state backend once per checkpoint for the vehicles that
 * changed (the mini-batch pattern), instead of a RocksDB read, (de)serialisation and write of about
 * 2 KB per event, and one event-time timer per pane instead of one per event.
 *
 * <p>Exactly once and restore: before every checkpoint barrier ({@link #prepareSnapshotPreBarrier})
 * the changed vehicles are written to keyed state; closed and evicted panes are written when they
 * change (once per pane); timers are Flink's. After a restore the heap is empty and each vehicle is
 * loaded from keyed state when it is next touched, so rescaling works as for any keyed state. The
 * MICE statistics are union operator state, merged on restore.
 *
 * <p>Loading a vehicle reads its panes by point lookups of the pane starts its {@code pane-starts}
 * state lists, never by iterating its pane maps: a RocksDB iterator seeking a vehicle's prefix
 * steps over every deleted pane (tombstone) after it until the next live entry, and after a restart
 * with a gap, when every vehicle's old panes have just been fired and deleted, each seek crossed
 * the whole column family (a FeatureJob restored into a 10,000-vehicle load stalled for minutes in
 * {@code RocksIterator.seek}; Flink's own fix, bounded prefix iterators, is not released). A
 * checkpoint from before that state is indexed once on restore ({@link #PANE_INDEX_MARKER}).
 *
 * <p>Outputs: imputed telemetry, late events and features, handed on by a {@link PipelineOutputs}:
 * typed on the main output, {@link ImputeTelemetry#LATE} and {@link #FEATURES} ({@link #typed}), or
 * serialised for their topics on the main output, for one transactional sink ({@link
 * TopicRecordOutputs}).
 *
 * @param <OUT> the main output's type
 */
public final class VehiclePipeline<OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<TelemetryEvent, OUT> {

    /** Tumbling and sliding window features. */
    public static final OutputTag<FeatureVector> FEATURES =
            new OutputTag<>("features", new AvroTypeInfo<>(FeatureVector.class));

    private static final long serialVersionUID = 1L;

    /**
     * The idle checks' timer service: the name the former {@code dedup-and-impute} operator's
     * (KeyedProcessOperator's) timers have, so its checkpoints restore into this operator with
     * their timers, its {@code vehicle} state and its {@code mice-statistics}.
     */
    private static final String IDLE_TIMERS = "user-timers";

    /**
     * Vehicles brought onto the heap (from keyed state, or new): once per vehicle after a start or
     * restore, and again only after it went quiet; more means slots are dropped too early.
     */
    public static final String SLOT_LOADS_METRIC = "vehicleSlotLoads";

    /**
     * Union operator state present in every checkpoint whose keyed state has {@code pane-starts};
     * restored without it, the operator builds that index from the pane maps once, in {@link
     * #initializeState}.
     */
    static final String PANE_INDEX_MARKER = "pane-index";

    private static final MapStateDescriptor<Long, PaneAccumulator> OPEN_PANES =
            new MapStateDescriptor<>(
                    "open-panes", LongSerializer.INSTANCE, PaneAccumulatorSerializer.INSTANCE);

    private static final MapStateDescriptor<Long, PaneAccumulator> RECENT_PANES =
            new MapStateDescriptor<>(
                    "recent-panes", LongSerializer.INSTANCE, PaneAccumulatorSerializer.INSTANCE);

    private final MiceConfig miceConfig;
    private final long idleTimeoutMs;
    private final boolean imputationEnabled;
    private final long paneMs;
    private final long slidingMs;
    private final long spreadMs;
    private final PipelineOutputs<OUT> outputs;

    private transient MiceStatistics statistics;
    private transient ValueState<VehicleState> vehicleState;
    private transient MapState<Long, PaneAccumulator> openPanes;
    private transient MapState<Long, PaneAccumulator> recentPanes;

    /** The vehicle's pane starts: [number of open panes, open starts..., recent starts...]. */
    private transient ValueState<long[]> paneStarts;

    private transient InternalTimerService<VoidNamespace> paneEnds;
    private transient InternalTimerService<VoidNamespace> slidingEnds;
    private transient InternalTimerService<VoidNamespace> idleChecks;
    private transient Map<String, VehicleSlot> slots;
    private transient List<String> dirty;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter slotLoads;

    /**
     * @param pane the tumbling window (one pane)
     * @param sliding the sliding window, a multiple of the pane, sliding by one pane
     * @param imputationEnabled false passes events through with missing sensors left missing
     * @param emitSpread windows of a vehicle fire this vehicle's fixed share of it (0 to {@code
     *     emitSpread}, by its id's hash) after the watermark passes their end, so the fleet's
     *     windows do not all fire in one burst; shorter than the pane
     * @param outputs how the three kinds of output are handed on
     */
    public VehiclePipeline(
            MiceConfig miceConfig,
            Duration idleTimeout,
            boolean imputationEnabled,
            Duration pane,
            Duration sliding,
            Duration emitSpread,
            PipelineOutputs<OUT> outputs) {
        if (sliding.toMillis() % pane.toMillis() != 0 || sliding.compareTo(pane) < 0) {
            throw new IllegalArgumentException(
                    "sliding window " + sliding + " must be a multiple of the pane " + pane);
        }
        this.miceConfig = miceConfig;
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.imputationEnabled = imputationEnabled;
        this.paneMs = pane.toMillis();
        this.slidingMs = sliding.toMillis();
        if (emitSpread.isNegative() || emitSpread.toMillis() >= pane.toMillis()) {
            throw new IllegalArgumentException(
                    "emit spread " + emitSpread + " must be at least 0 and shorter than the pane");
        }
        this.spreadMs = emitSpread.toMillis();
        this.outputs = outputs;
    }

    /**
     * The pipeline with typed outputs (imputed telemetry on the main output, late events and
     * features on side outputs), every window firing as the watermark passes its end.
     */
    public static VehiclePipeline<ImputedTelemetry> typed(
            MiceConfig miceConfig,
            Duration idleTimeout,
            boolean imputationEnabled,
            Duration pane,
            Duration sliding) {
        return new VehiclePipeline<>(
                miceConfig,
                idleTimeout,
                imputationEnabled,
                pane,
                sliding,
                Duration.ZERO,
                new TypedOutputs());
    }

    /** The type of the main output. */
    public TypeInformation<OUT> outputType() {
        return outputs.type();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        statistics = new MiceStatistics(miceConfig, imputationEnabled, context);
        vehicleState =
                getPartitionedState(
                        new ValueStateDescriptor<>("vehicle", VehicleStateSerializer.INSTANCE));
        openPanes = getPartitionedState(OPEN_PANES);
        recentPanes = getPartitionedState(RECENT_PANES);
        paneStarts =
                getPartitionedState(
                        new ValueStateDescriptor<>(
                                "pane-starts", LongPrimitiveArraySerializer.INSTANCE));
        ListState<Boolean> marker =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(PANE_INDEX_MARKER, Types.BOOLEAN));
        if (context.isRestored() && !marker.get().iterator().hasNext()) {
            indexPanesOfEveryVehicle();
        }
        marker.update(List.of(true));
    }

    /**
     * Restored from a checkpoint taken before {@code pane-starts} existed: writes it for every
     * vehicle with panes (one pass over the keys of each pane map, which only iterates vehicles
     * that have entries).
     */
    private void indexPanesOfEveryVehicle() throws Exception {
        for (MapStateDescriptor<Long, PaneAccumulator> d : List.of(OPEN_PANES, RECENT_PANES)) {
            getKeyedStateBackend()
                    .applyToAllKeys(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            d,
                            (vehicle, state) -> {
                                VehicleSlot slot = new VehicleSlot();
                                for (Map.Entry<Long, PaneAccumulator> e : openPanes.entries()) {
                                    slot.open.put(e.getKey(), e.getValue());
                                }
                                for (Map.Entry<Long, PaneAccumulator> e : recentPanes.entries()) {
                                    slot.recent.put(e.getKey(), e.getValue());
                                }
                                writePaneIndex(slot);
                            });
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        paneEnds =
                getInternalTimerService(
                        "pane-ends", VoidNamespaceSerializer.INSTANCE, new OnTimer(this::paneEnd));
        slidingEnds =
                getInternalTimerService(
                        "sliding-ends",
                        VoidNamespaceSerializer.INSTANCE,
                        new OnTimer(this::slidingEnd));
        idleChecks =
                getInternalTimerService(
                        IDLE_TIMERS,
                        VoidNamespaceSerializer.INSTANCE,
                        new OnTimer(this::idleCheck));
        slots = new HashMap<>();
        dirty = new ArrayList<>();
        outputs.open();
        var metrics = getMetricGroup();
        duplicates = metrics.counter(ImputeTelemetry.DUPLICATES_METRIC);
        late = metrics.counter(ImputeTelemetry.LATE_METRIC);
        slotLoads = metrics.counter(SLOT_LOADS_METRIC);
        statistics.open(metrics);
    }

    @Override
    public void processElement(StreamRecord<TelemetryEvent> record) throws Exception {
        TelemetryEvent event = record.getValue();
        long t = event.getEventTime();
        long watermark = paneEnds.currentWatermark();
        if (t < watermark) {
            late.inc();
            outputs.late(output, record);
            return;
        }
        String vehicle = (String) getCurrentKey();
        VehicleSlot slot = slot(vehicle, true);
        if (slot.state == null) {
            slot.state = VehicleState.fresh();
        }
        VehicleState state = slot.state;
        SequenceWindow.Verdict verdict = state.sequences.offer(event.getSeq());
        if (verdict == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.inc();
            return;
        }
        if (verdict == SequenceWindow.Verdict.TOO_OLD) {
            late.inc();
            outputs.late(output, record);
            return;
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        ImputedTelemetry imputed = statistics.impute(event, state, now);
        if (state.cleanupAt == Long.MIN_VALUE) {
            state.cleanupAt = t + idleTimeoutMs;
            idleChecks.registerEventTimeTimer(VoidNamespace.INSTANCE, state.cleanupAt);
        }
        markDirty(vehicle, slot);
        slot.stateDirty = true;
        addToPane(vehicle, slot, imputed, t, watermark);
        outputs.imputed(output, record, imputed);
    }

    /** Adds the event to its pane, unless that pane has fired already (as the window would). */
    private void addToPane(
            String vehicle, VehicleSlot slot, ImputedTelemetry imputed, long t, long watermark) {
        long start = TimeWindow.getWindowStartWithOffset(t, 0, paneMs);
        long maxTimestamp = start + paneMs - 1;
        if (maxTimestamp <= watermark) {
            return; // the window operator drops such an element as late too
        }
        PaneAccumulator pane = slot.open.get(start);
        if (pane == null) {
            pane = new PaneAccumulator();
            slot.open.put(start, pane);
            slot.indexDirty = true; // the vehicle is in the dirty list already
            paneEnds.registerEventTimeTimer(VoidNamespace.INSTANCE, maxTimestamp + offset(vehicle));
        }
        pane.add(imputed, statistics.lastShifts());
        slot.markPaneDirty(start);
    }

    /**
     * This vehicle's delay of its window timers behind the windows' ends: 0 to the spread, fixed
     * per vehicle ({@link String#hashCode} is the same in every JVM, so a restored job agrees).
     */
    private long offset(String vehicle) {
        return spreadMs == 0 ? 0 : Math.floorMod(vehicle.hashCode(), spreadMs);
    }

    /**
     * @param timerTime the pane's last instant plus the vehicle's offset (or, in checkpoints of a
     *     job without a spread, without it: both map back to the same pane)
     */
    private void paneEnd(long timerTime) throws Exception {
        String vehicle = (String) getCurrentKey();
        VehicleSlot slot = slot(vehicle, false);
        long start = TimeWindow.getWindowStartWithOffset(timerTime - offset(vehicle), 0, paneMs);
        long maxTimestamp = start + paneMs - 1;
        PaneAccumulator pane = slot == null ? null : slot.open.remove(start);
        if (pane == null) {
            return;
        }
        long end = start + paneMs;
        openPanes.remove(start);
        emit(vehicle, start, end, FeatureSchema.TUMBLING_10S, pane, maxTimestamp);
        PaneAccumulator existing = slot.recent.get(start);
        if (existing != null) {
            existing.merge(pane);
            pane = existing;
        }
        slot.recent.put(start, pane);
        recentPanes.put(start, pane);
        markIndexDirty(vehicle, slot);
        emitSliding(vehicle, slot, end, maxTimestamp);
        for (long e = end + paneMs; e < start + slidingMs + paneMs; e += paneMs) {
            slidingEnds.registerEventTimeTimer(VoidNamespace.INSTANCE, e + offset(vehicle));
        }
        if (slot.isEmpty()) {
            forget(vehicle);
        }
    }

    /**
     * @param timerTime a window end plus the vehicle's offset (or without it, as in paneEnd)
     */
    private void slidingEnd(long timerTime) throws Exception {
        String vehicle = (String) getCurrentKey();
        long windowEnd = Math.floorDiv(timerTime - offset(vehicle) + paneMs - 1, paneMs) * paneMs;
        VehicleSlot slot = slot(vehicle, false);
        if (slot == null) {
            return;
        }
        if (slot.open.containsKey(windowEnd - paneMs)) {
            // The pane ending here has not fired yet: a timer restored from a job with another
            // spread came first. The pane's own timer emits this window, and the next sliding
            // timer evicts what it no longer needs.
            return;
        }
        if (!slot.recent.containsKey(windowEnd - paneMs)) {
            // The pane ending here was empty; timestamped, like every window, with its last
            // instant.
            emitSliding(vehicle, slot, windowEnd, windowEnd - 1);
        }
        long oldestNeeded = windowEnd - slidingMs + paneMs;
        while (!slot.recent.isEmpty() && slot.recent.firstKey() < oldestNeeded) {
            recentPanes.remove(slot.recent.pollFirstEntry().getKey());
            markIndexDirty(vehicle, slot);
        }
        if (slot.isEmpty()) {
            forget(vehicle); // every pane was removed one by one: no clear(), which iterates
        }
    }

    private void idleCheck(long timestamp) throws Exception {
        String vehicle = (String) getCurrentKey();
        VehicleSlot slot = slot(vehicle, false);
        if (slot == null || slot.state == null) {
            return;
        }
        VehicleState state = slot.state;
        if (state.lastSeen + idleTimeoutMs <= timestamp) {
            slot.state = null; // gone quiet: forget it
            slot.stateDirty = false;
            vehicleState.clear();
            if (slot.isEmpty()) {
                forget(vehicle);
            }
            return;
        }
        state.cleanupAt = state.lastSeen + idleTimeoutMs;
        idleChecks.registerEventTimeTimer(VoidNamespace.INSTANCE, state.cleanupAt);
        markDirty(vehicle, slot);
        slot.stateDirty = true;
    }

    private void emitSliding(String vehicle, VehicleSlot slot, long windowEnd, long timestamp) {
        long windowStart = windowEnd - slidingMs;
        PaneAccumulator merged = null;
        for (PaneAccumulator pane : slot.recent.subMap(windowStart, windowEnd).values()) {
            if (merged == null) {
                merged = new PaneAccumulator();
            }
            merged.merge(pane);
        }
        if (merged != null) {
            emit(vehicle, windowStart, windowEnd, FeatureSchema.SLIDING_60S, merged, timestamp);
        }
    }

    private void emit(
            String vehicle,
            long start,
            long end,
            String kind,
            PaneAccumulator stats,
            long timestamp) {
        FeatureVector features =
                FeatureSchema.toFeatures(
                        vehicle, start, end, kind, stats, System.currentTimeMillis());
        outputs.features(output, features, timestamp);
    }

    /** The vehicle's slot: on the heap, else loaded from keyed state, else new (or null). */
    private VehicleSlot slot(String vehicle, boolean create) throws Exception {
        VehicleSlot slot = slots.get(vehicle);
        if (slot != null) {
            return slot;
        }
        slot = new VehicleSlot();
        slot.state = vehicleState.value();
        long[] starts = paneStarts.value();
        if (starts != null) {
            int open = (int) starts[0];
            for (int i = 1; i < starts.length; i++) {
                MapState<Long, PaneAccumulator> panes = i <= open ? openPanes : recentPanes;
                PaneAccumulator pane = panes.get(starts[i]);
                if (pane != null) { // null: opened and indexed, not yet flushed at the checkpoint
                    (i <= open ? slot.open : slot.recent).put(starts[i], pane);
                }
            }
        }
        if (slot.isEmpty() && !create) {
            return null;
        }
        slots.put(vehicle, slot);
        slotLoads.inc();
        return slot;
    }

    /** How many times a vehicle was brought onto the heap (see {@link #SLOT_LOADS_METRIC}). */
    long slotLoads() {
        return slotLoads.getCount();
    }

    private void markDirty(String vehicle, VehicleSlot slot) {
        if (!slot.dirty) {
            slot.dirty = true;
            dirty.add(vehicle);
        }
    }

    /** The vehicle's set of panes changed: its {@code pane-starts} is rewritten at the flush. */
    private void markIndexDirty(String vehicle, VehicleSlot slot) {
        markDirty(vehicle, slot);
        slot.indexDirty = true;
    }

    /** Drops a vehicle without state or panes from the heap, and its (now empty) pane index. */
    private void forget(String vehicle) {
        slots.remove(vehicle);
        paneStarts.clear();
    }

    /** Writes the current key's pane starts (the keys of its open and recent panes), or clears. */
    private void writePaneIndex(VehicleSlot slot) throws Exception {
        if (slot.open.isEmpty() && slot.recent.isEmpty()) {
            paneStarts.clear();
            return;
        }
        long[] starts = new long[1 + slot.open.size() + slot.recent.size()];
        starts[0] = slot.open.size();
        int i = 1;
        for (long start : slot.open.keySet()) {
            starts[i++] = start;
        }
        for (long start : slot.recent.keySet()) {
            starts[i++] = start;
        }
        paneStarts.update(starts);
    }

    /** Writes what changed since the last checkpoint to keyed state, before the barrier. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    void flush() throws Exception {
        Object current = getCurrentKey();
        for (String vehicle : dirty) {
            VehicleSlot slot = slots.get(vehicle);
            if (slot == null || !slot.dirty) {
                continue;
            }
            setCurrentKey(vehicle);
            if (slot.stateDirty && slot.state != null) {
                vehicleState.update(slot.state);
            }
            flushPane(slot, slot.dirtyPane);
            for (long start : slot.more) {
                flushPane(slot, start);
            }
            if (slot.indexDirty) {
                writePaneIndex(slot);
            }
            slot.clearDirty();
        }
        dirty.clear();
        if (current != null) {
            setCurrentKey(current);
        }
    }

    private void flushPane(VehicleSlot slot, long start) throws Exception {
        if (start == Long.MIN_VALUE) {
            return;
        }
        PaneAccumulator pane = slot.open.get(start);
        if (pane != null) {
            openPanes.put(start, pane);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        statistics.snapshot();
    }

    /** Calls back into the operator for one timer service. */
    private static final class OnTimer implements Triggerable<Object, VoidNamespace> {
        private final Fire fire;

        OnTimer(Fire fire) {
            this.fire = fire;
        }

        @Override
        public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
            fire.at(timer.getTimestamp());
        }

        @Override
        public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) {}
    }

    /** A timer callback by timestamp (the key is the current key). */
    @FunctionalInterface
    private interface Fire {
        void at(long timestamp) throws Exception;
    }
}
