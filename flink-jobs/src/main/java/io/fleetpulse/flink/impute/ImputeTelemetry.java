package io.fleetpulse.flink.impute;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.dedup.SequenceWindow;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per vehicle, in arrival order: drops repeated sequence numbers (device retries), sends events
 * behind the watermark to the late side output, and imputes every missing sensor with the subtask's
 * streaming MICE model ({@link TelemetryImputer}). The vehicle's state is cleared once it has sent
 * nothing for {@code idleTimeout} of event time; the MICE statistics are operator state, merged
 * across subtasks on restore.
 */
public class ImputeTelemetry extends KeyedProcessFunction<String, TelemetryEvent, ImputedTelemetry>
        implements CheckpointedFunction {

    /** Events later than the watermark (and ones too old to check for duplicates). */
    public static final OutputTag<TelemetryEvent> LATE =
            new OutputTag<>("late-events", new AvroTypeInfo<>(TelemetryEvent.class));

    public static final String DUPLICATES_METRIC = "duplicateEvents";
    public static final String LATE_METRIC = "lateEvents";
    public static final String IMPUTED_METRIC = "imputedValues";
    public static final String COLD_START_METRIC = "coldStartImputations";

    private final MiceConfig miceConfig;
    private final long idleTimeoutMs;
    private final boolean imputationEnabled;

    private transient MiceStatistics statistics;
    private transient ValueState<VehicleState> vehicle;
    private transient Counter duplicates;
    private transient Counter late;

    /**
     * @param imputationEnabled false passes events through with missing sensors left missing
     *     (duplicates and late events are still handled), to measure what imputation costs
     */
    public ImputeTelemetry(MiceConfig miceConfig, Duration idleTimeout, boolean imputationEnabled) {
        this.miceConfig = miceConfig;
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.imputationEnabled = imputationEnabled;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        statistics = new MiceStatistics(miceConfig, imputationEnabled, context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        statistics.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        vehicle =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "vehicle", VehicleStateSerializer.INSTANCE));
        var metrics = getRuntimeContext().getMetricGroup();
        duplicates = metrics.counter(DUPLICATES_METRIC);
        late = metrics.counter(LATE_METRIC);
        statistics.open(metrics);
    }

    @Override
    public void processElement(TelemetryEvent event, Context ctx, Collector<ImputedTelemetry> out)
            throws Exception {
        long t = event.getEventTime();
        if (t < ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(LATE, event);
            return;
        }
        VehicleState state = vehicle.value();
        if (state == null) {
            state = VehicleState.fresh();
        }
        SequenceWindow.Verdict verdict = state.sequences.offer(event.getSeq());
        if (verdict == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.inc();
            vehicle.update(state);
            return;
        }
        if (verdict == SequenceWindow.Verdict.TOO_OLD) {
            late.inc();
            ctx.output(LATE, event);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        ImputedTelemetry imputed = statistics.impute(event, state, now);
        if (state.cleanupAt == Long.MIN_VALUE) {
            state.cleanupAt = t + idleTimeoutMs;
            ctx.timerService().registerEventTimeTimer(state.cleanupAt);
        }
        vehicle.update(state);
        out.collect(imputed);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ImputedTelemetry> out)
            throws Exception {
        VehicleState state = vehicle.value();
        if (state == null) {
            return;
        }
        if (state.lastSeen + idleTimeoutMs <= timestamp) {
            vehicle.clear(); // gone quiet: forget it
            return;
        }
        state.cleanupAt = state.lastSeen + idleTimeoutMs;
        ctx.timerService().registerEventTimeTimer(state.cleanupAt);
        vehicle.update(state);
    }
}
