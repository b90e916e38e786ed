package io.fleetpulse.learner.job;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.averaging.ReplicaReport;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.replica.Replica;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner replicas: each parallel subtask runs one {@link Replica} on the feature vectors
 * routed to it (input 1) and adopts the averaged snapshots broadcast back from the models topic
 * (input 2). Every vector yields a {@link ScoredWindow}; every T (a processing-time timer) or K
 * mini-batches the replica's reports go to the {@link #REPORTS} side output for the averager.
 *
 * <p>The replica's complete state (parameters, Adam moments, statistics, thresholds, unreported
 * work) is union operator state: after a restore each subtask takes the state of the replica with
 * its own index, or with a new parallelism the state of replica {@code index mod oldP}, so a
 * restart with another P starts from trained models.
 */
public class LearnerOperator extends AbstractStreamOperator<ScoredWindow>
        implements TwoInputStreamOperator<FeatureVector, SnapshotRecord, ScoredWindow>,
                BoundedMultiInput {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LearnerOperator.class);

    /** The replicas' reports for the averager. */
    public static final OutputTag<ReportEnvelope> REPORTS =
            new OutputTag<>("replica-reports", TypeInformation.of(ReportEnvelope.class));

    /** How often the report timer checks whether T has passed. */
    private static final long TIMER_MS = 1_000;

    private final LearnerSettings settings;
    private transient Replica replica;
    private transient ListState<byte[]> state;
    private transient Counter scored;
    private transient Counter findings;
    private transient Counter reports;
    private transient Counter badSnapshots;

    public LearnerOperator(LearnerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "learner-replicas",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        replica = new Replica(settings, index, parallelism, now());
        if (context.isRestored()) {
            List<byte[]> saved = new ArrayList<>();
            state.get().forEach(saved::add);
            if (!saved.isEmpty()) {
                byte[] mine = saved.get(index % saved.size());
                for (byte[] s : saved) {
                    if (Replica.indexOf(s) == index) {
                        mine = s;
                    }
                }
                replica.restore(mine);
                LOG.info(
                        "replica {}/{} restored from the state of replica {} ({} saved)",
                        index,
                        parallelism,
                        Replica.indexOf(mine),
                        saved.size());
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        var metrics = getMetricGroup();
        scored = metrics.counter("fleet_learner_windows_scored");
        findings = metrics.counter("fleet_learner_findings");
        reports = metrics.counter("fleet_learner_reports_sent");
        badSnapshots = metrics.counter("fleet_learner_snapshots_refused");
        for (ModelKind kind : ModelKind.values()) {
            metrics.gauge(
                    "fleet_learner_model_version_" + kind.modelName().replace('-', '_'),
                    () -> replica.version(kind));
        }
        scheduleTimer();
    }

    private void scheduleTimer() {
        getProcessingTimeService().registerTimer(now() + TIMER_MS, this::onTimer);
    }

    private void onTimer(long time) {
        if (replica.reportDue(now())) {
            emitReports();
        }
        scheduleTimer();
    }

    @Override
    public void processElement1(StreamRecord<FeatureVector> element) {
        ScoredWindow w = replica.process(element.getValue());
        scored.inc();
        findings.inc(w.findings.length);
        output.collect(element.replace(w));
        if (replica.reportDue(now())) {
            emitReports();
        }
    }

    @Override
    public void processElement2(StreamRecord<SnapshotRecord> element) {
        SnapshotRecord r = element.getValue();
        try {
            ModelSnapshot snapshot = r.snapshot();
            if (replica.adopt(snapshot)) {
                LOG.debug("replica {} adopted {}", replica.index(), snapshot);
            }
        } catch (RuntimeException e) {
            badSnapshots.inc();
            LOG.warn("replica {} refused snapshot {}: {}", replica.index(), r, e.getMessage());
        }
    }

    private void emitReports() {
        for (ReplicaReport r : replica.reports(now())) {
            output.collect(
                    REPORTS, new StreamRecord<>(ReportEnvelope.of(r, settings.compression())));
            reports.inc();
        }
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            emitReports();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.update(List.of(replica.state()));
    }

    @Override
    public void close() throws Exception {
        try {
            if (replica != null) {
                replica.close();
            }
        } finally {
            super.close();
        }
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }
}
