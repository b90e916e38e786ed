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
import java.io.BufferedInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.state.AbstractKeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
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
 * lives on the heap instead of a RocksDB read, (de)serialisation and write of about 2 KB per event,
 * and one event-time timer per pane instead of one per event.
 *
 * <p>Exactly once and restore: at every checkpoint ({@link #snapshotState}) the vehicles that
 * changed since the previous one are written, state and open panes, into the checkpoint's raw keyed
 * state, by key group ({@link HotVehicleSnapshot}); a vehicle that was written there last time and
 * did not change since goes into keyed state (RocksDB) instead, once. A fleet whose vehicles report
 * every few hundred milliseconds changes almost entirely between two frequent checkpoints, and
 * RocksDB would rewrite, flush and compact all of it every time: the raw stream costs a fraction of
 * that. Closed panes go into keyed state when they close (once per pane); timers are Flink's. On
 * restore the raw key groups of this subtask are read back onto the heap (the newer copy of a
 * vehicle); every other vehicle is loaded from keyed state when it is next touched, so rescaling
 * works as for any keyed state. The MICE statistics are union operator state, merged on restore.
 * Needs timers in the state backend (RocksDB's default): Flink writes heap timers on RocksDB into
 * the same raw stream.
 *
 * <p>Outputs: imputed telemetry (main), {@link ImputeTelemetry#LATE} and {@link #FEATURES}.
 */
public final class VehiclePipeline extends AbstractStreamOperator<ImputedTelemetry>
        implements OneInputStreamOperator<TelemetryEvent, ImputedTelemetry> {

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

    private final MiceConfig miceConfig;
    private final long idleTimeoutMs;
    private final boolean imputationEnabled;
    private final long paneMs;
    private final long slidingMs;

    private transient MiceStatistics statistics;
    private transient ValueState<VehicleState> vehicleState;
    private transient MapState<Long, PaneAccumulator> openPanes;
    private transient MapState<Long, PaneAccumulator> recentPanes;
    private transient InternalTimerService<VoidNamespace> paneEnds;
    private transient InternalTimerService<VoidNamespace> slidingEnds;
    private transient InternalTimerService<VoidNamespace> idleChecks;
    private transient Map<String, VehicleSlot> slots;
    private transient List<String> dirty;
    private transient List<String> hot;
    private transient DataOutputSerializer keyGroupBuffer;
    private transient int restoredHot;
    private transient StreamRecord<FeatureVector> featureRecord;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter slotLoads;

    /**
     * @param pane the tumbling window (one pane)
     * @param sliding the sliding window, a multiple of the pane, sliding by one pane
     * @param imputationEnabled false passes events through with missing sensors left missing
     */
    public VehiclePipeline(
            MiceConfig miceConfig,
            Duration idleTimeout,
            boolean imputationEnabled,
            Duration pane,
            Duration sliding) {
        if (sliding.toMillis() % pane.toMillis() != 0 || sliding.compareTo(pane) < 0) {
            throw new IllegalArgumentException(
                    "sliding window " + sliding + " must be a multiple of the pane " + pane);
        }
        this.miceConfig = miceConfig;
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.imputationEnabled = imputationEnabled;
        this.paneMs = pane.toMillis();
        this.slidingMs = sliding.toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        statistics = new MiceStatistics(miceConfig, imputationEnabled, context);
        slots = new HashMap<>();
        dirty = new ArrayList<>();
        hot = new ArrayList<>();
        for (KeyGroupStatePartitionStreamProvider group : context.getRawKeyedStateInputs()) {
            // Not closed here: Flink owns the stream, shared by the key groups of one file.
            var in = new DataInputViewStreamWrapper(new BufferedInputStream(group.getStream()));
            restoredHot += HotVehicleSnapshot.readKeyGroup(in, group.getKeyGroupId(), slots);
        }
        for (Map.Entry<String, VehicleSlot> e : slots.entrySet()) {
            e.getValue().recentLoaded = false; // its closed panes are read when it is touched
            markDirty(e.getKey(), e.getValue()); // into the next checkpoint, raw or keyed
        }
    }

    /** The raw keyed state is this operator's hot vehicles (see {@link HotVehicleSnapshot}). */
    @Override
    protected boolean isUsingCustomRawKeyedState() {
        return true;
    }

    @Override
    public void open() throws Exception {
        super.open();
        vehicleState =
                getPartitionedState(
                        new ValueStateDescriptor<>("vehicle", VehicleStateSerializer.INSTANCE));
        var acc = PaneAccumulatorSerializer.INSTANCE;
        openPanes =
                getPartitionedState(
                        new MapStateDescriptor<>("open-panes", LongSerializer.INSTANCE, acc));
        recentPanes =
                getPartitionedState(
                        new MapStateDescriptor<>("recent-panes", LongSerializer.INSTANCE, acc));
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
        if (getKeyedStateBackend() instanceof AbstractKeyedStateBackend<?> backend
                && backend.requiresLegacySynchronousTimerSnapshots(CheckpointType.CHECKPOINT)) {
            throw new IllegalStateException(
                    "FeatureJob's per-vehicle operator writes its hot state as raw keyed state,"
                            + " where Flink would also put heap timers on RocksDB: set"
                            + " state.backend.rocksdb.timer-service.factory to ROCKSDB (the"
                            + " default)");
        }
        keyGroupBuffer = new DataOutputSerializer(64 * 1024);
        featureRecord = new StreamRecord<>(null);
        var metrics = getMetricGroup();
        duplicates = metrics.counter(ImputeTelemetry.DUPLICATES_METRIC);
        late = metrics.counter(ImputeTelemetry.LATE_METRIC);
        slotLoads = metrics.counter(SLOT_LOADS_METRIC);
        slotLoads.inc(restoredHot);
        statistics.open(metrics);
    }

    @Override
    public void processElement(StreamRecord<TelemetryEvent> record) throws Exception {
        TelemetryEvent event = record.getValue();
        long t = event.getEventTime();
        long watermark = paneEnds.currentWatermark();
        if (t < watermark) {
            late.inc();
            output.collect(ImputeTelemetry.LATE, record);
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
            output.collect(ImputeTelemetry.LATE, record);
            return;
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        ImputedTelemetry imputed = statistics.impute(event, state, now);
        if (state.cleanupAt == Long.MIN_VALUE) {
            state.cleanupAt = t + idleTimeoutMs;
            idleChecks.registerEventTimeTimer(VoidNamespace.INSTANCE, state.cleanupAt);
        }
        markDirty(vehicle, slot);
        addToPane(slot, imputed, t, watermark);
        output.collect(record.replace(imputed));
    }

    /** Adds the event to its pane, unless that pane has fired already (as the window would). */
    private void addToPane(VehicleSlot slot, ImputedTelemetry imputed, long t, long watermark) {
        long start = TimeWindow.getWindowStartWithOffset(t, 0, paneMs);
        long maxTimestamp = start + paneMs - 1;
        if (maxTimestamp <= watermark) {
            return; // the window operator drops such an element as late too
        }
        PaneAccumulator pane = slot.open.get(start);
        if (pane == null) {
            pane = new PaneAccumulator();
            slot.open.put(start, pane);
            paneEnds.registerEventTimeTimer(VoidNamespace.INSTANCE, maxTimestamp);
        }
        pane.add(imputed, statistics.lastShifts());
    }

    private void paneEnd(long maxTimestamp) throws Exception {
        String vehicle = (String) getCurrentKey();
        VehicleSlot slot = slot(vehicle, false);
        long start = maxTimestamp + 1 - paneMs;
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
        emitSliding(vehicle, slot, end, maxTimestamp);
        for (long e = end + paneMs; e < start + slidingMs + paneMs; e += paneMs) {
            slidingEnds.registerEventTimeTimer(VoidNamespace.INSTANCE, e);
        }
        if (slot.isEmpty()) {
            slots.remove(vehicle);
        }
    }

    private void slidingEnd(long windowEnd) throws Exception {
        String vehicle = (String) getCurrentKey();
        VehicleSlot slot = slot(vehicle, false);
        if (slot == null) {
            return;
        }
        if (!slot.recent.containsKey(windowEnd - paneMs)) {
            emitSliding(vehicle, slot, windowEnd, windowEnd); // the pane ending here was empty
        }
        long oldestNeeded = windowEnd - slidingMs + paneMs;
        while (!slot.recent.isEmpty() && slot.recent.firstKey() < oldestNeeded) {
            recentPanes.remove(slot.recent.pollFirstEntry().getKey());
        }
        if (slot.isEmpty()) {
            slots.remove(vehicle);
            recentPanes.clear();
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
            vehicleState.clear();
            if (slot.isEmpty()) {
                slots.remove(vehicle);
            }
            return;
        }
        state.cleanupAt = state.lastSeen + idleTimeoutMs;
        idleChecks.registerEventTimeTimer(VoidNamespace.INSTANCE, state.cleanupAt);
        markDirty(vehicle, slot);
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
        featureRecord.replace(features, timestamp);
        output.collect(FEATURES, featureRecord);
    }

    /** The vehicle's slot: on the heap, else loaded from keyed state, else new (or null). */
    private VehicleSlot slot(String vehicle, boolean create) throws Exception {
        VehicleSlot slot = slots.get(vehicle);
        if (slot != null) {
            if (!slot.recentLoaded) { // restored from raw keyed state, closed panes still keyed
                for (Map.Entry<Long, PaneAccumulator> e : recentPanes.entries()) {
                    slot.recent.put(e.getKey(), e.getValue());
                }
                slot.recentLoaded = true;
            }
            return slot;
        }
        slot = new VehicleSlot();
        slot.state = vehicleState.value();
        for (Map.Entry<Long, PaneAccumulator> e : openPanes.entries()) {
            slot.open.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Long, PaneAccumulator> e : recentPanes.entries()) {
            slot.recent.put(e.getKey(), e.getValue());
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

    /** How many vehicles the last checkpoint wrote into its raw keyed state. */
    int hotVehicles() {
        return hot.size();
    }

    private void markDirty(String vehicle, VehicleSlot slot) {
        if (!slot.dirty) {
            slot.dirty = true;
            dirty.add(vehicle);
        }
    }

    /**
     * Writes the vehicles that changed since the last checkpoint into its raw keyed state, and
     * those that were there last time but did not change since into keyed state (before the keyed
     * state backend takes its snapshot, which follows this method).
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        statistics.snapshot();
        coolDown();
        writeHot(context.getRawKeyedOperatorStateOutput());
    }

    /** Vehicles in the last checkpoint's raw state that did not change since: into keyed state. */
    private void coolDown() throws Exception {
        Object current = getCurrentKey();
        for (String vehicle : hot) {
            VehicleSlot slot = slots.get(vehicle);
            if (slot == null || !slot.hot || slot.dirty) {
                continue; // gone, or changed again: stays in the raw state
            }
            slot.hot = false;
            setCurrentKey(vehicle);
            if (slot.state != null) {
                vehicleState.update(slot.state);
            } else {
                vehicleState.clear();
            }
            for (Map.Entry<Long, PaneAccumulator> e : slot.open.entrySet()) {
                openPanes.put(e.getKey(), e.getValue());
            }
        }
        hot.clear();
        if (current != null) {
            setCurrentKey(current);
        }
    }

    /** The changed vehicles, by key group, into the raw keyed state; they become {@link #hot}. */
    private void writeHot(KeyedStateCheckpointOutputStream out) throws Exception {
        int keyGroups = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        Map<Integer, List<String>> byGroup = new HashMap<>();
        for (String vehicle : dirty) {
            VehicleSlot slot = slots.get(vehicle);
            if (slot == null || !slot.dirty) {
                continue;
            }
            slot.dirty = false;
            slot.hot = slot.hasHotState();
            if (slot.hot) {
                hot.add(vehicle);
                byGroup.computeIfAbsent(
                                KeyGroupRangeAssignment.assignToKeyGroup(vehicle, keyGroups),
                                g -> new ArrayList<>())
                        .add(vehicle);
            }
        }
        dirty.clear();
        for (int group : out.getKeyGroupList()) {
            List<String> vehicles = byGroup.getOrDefault(group, List.of());
            keyGroupBuffer.clear();
            HotVehicleSnapshot.writeHeader(keyGroupBuffer, vehicles.size());
            for (String vehicle : vehicles) {
                HotVehicleSnapshot.writeVehicle(keyGroupBuffer, vehicle, slots.get(vehicle));
            }
            out.startNewKeyGroup(group);
            out.write(keyGroupBuffer.getSharedBuffer(), 0, keyGroupBuffer.length());
        }
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
