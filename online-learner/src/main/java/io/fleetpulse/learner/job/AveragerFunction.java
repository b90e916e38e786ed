package io.fleetpulse.learner.job;

import io.fleetpulse.learner.averaging.RoundAverager;
import io.fleetpulse.learner.servable.ModelSnapshot;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The averager (parallelism 1, keyed by model name): feeds replica reports (input 1) to that
 * model's {@link RoundAverager}, closes rounds when complete or, through a processing-time timer,
 * when the straggler timeout passes, and emits each new snapshot for the models topic. Snapshots
 * read back from the topic (input 2) keep versions growing across restarts without a checkpoint.
 * The averager's state (its newest snapshot and the open round) is keyed state.
 */
public class AveragerFunction
        extends KeyedCoProcessFunction<String, ReportEnvelope, SnapshotRecord, SnapshotRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AveragerFunction.class);

    private final long stragglerTimeoutMs;
    private transient ValueState<byte[]> averager;
    private transient ValueState<Long> timer;
    private transient Counter rounds;
    private transient Counter timedOut;
    private transient Counter badReports;

    public AveragerFunction(long stragglerTimeoutMs) {
        this.stragglerTimeoutMs = stragglerTimeoutMs;
    }

    @Override
    public void open(OpenContext context) {
        averager =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "averager",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("round-timer", Types.LONG));
        var metrics = getRuntimeContext().getMetricGroup();
        rounds = metrics.counter("fleet_learner_rounds");
        timedOut = metrics.counter("fleet_learner_rounds_timed_out");
        badReports = metrics.counter("fleet_learner_reports_refused");
    }

    @Override
    public void processElement1(ReportEnvelope report, Context ctx, Collector<SnapshotRecord> out)
            throws Exception {
        RoundAverager a = load(ctx.getCurrentKey());
        long now = ctx.timerService().currentProcessingTime();
        try {
            a.offer(report.report(), now).ifPresent(s -> emit(s, out));
        } catch (RuntimeException e) {
            badReports.inc();
            LOG.warn(
                    "refused a report of replica {} for {}: {}",
                    report.replica,
                    report.modelName,
                    e.getMessage());
            return;
        }
        schedule(a, ctx);
        save(a);
    }

    @Override
    public void processElement2(
            SnapshotRecord published, Context ctx, Collector<SnapshotRecord> out) throws Exception {
        RoundAverager a = load(ctx.getCurrentKey());
        long before = a.version();
        a.observe(published.snapshot());
        if (a.version() != before) {
            LOG.info(
                    "averager of {} continues after v{} read from the models topic",
                    published.modelName,
                    a.version());
            save(a);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SnapshotRecord> out)
            throws Exception {
        timer.clear();
        RoundAverager a = load(ctx.getCurrentKey());
        a.onTime(timestamp)
                .ifPresent(
                        s -> {
                            timedOut.inc();
                            emit(s, out);
                        });
        schedule(a, ctx);
        save(a);
    }

    private void emit(ModelSnapshot s, Collector<SnapshotRecord> out) {
        rounds.inc();
        LOG.debug("published {}", s);
        out.collect(SnapshotRecord.of(s));
    }

    private void schedule(RoundAverager a, Context ctx) throws Exception {
        long deadline = a.deadline();
        Long current = timer.value();
        if (deadline == Long.MAX_VALUE || (current != null && current == deadline)) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteProcessingTimeTimer(current);
        }
        ctx.timerService().registerProcessingTimeTimer(deadline);
        timer.update(deadline);
    }

    private RoundAverager load(String model) throws Exception {
        byte[] bytes = averager.value();
        return bytes == null
                ? new RoundAverager(model, stragglerTimeoutMs)
                : RoundAverager.fromBytes(model, stragglerTimeoutMs, bytes);
    }

    private void save(RoundAverager a) throws Exception {
        averager.update(a.toBytes());
    }
}
