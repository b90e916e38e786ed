package io.fleetpulse.learner.job;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.AlertTracker;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.VehicleAlerts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Alerting per vehicle (keyed by vehicle id): applies {@link AlertTracker} to each scored window
 * with the vehicle's {@link VehicleAlerts} as keyed state, and clears the alerts of a vehicle that
 * sends nothing for the idle period (a processing-time timer), dropping its state.
 */
public class AlertFunction extends KeyedProcessFunction<String, ScoredWindow, Alert> {

    private static final long serialVersionUID = 1L;

    private final AlertSettings settings;
    private transient AlertTracker tracker;
    private transient ValueState<VehicleAlerts> alerts;
    private transient ValueState<Long> idleTimer;
    private transient Counter opened;
    private transient Counter cleared;

    public AlertFunction(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        tracker = new AlertTracker(settings);
        alerts =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "vehicle-alerts", TypeInformation.of(VehicleAlerts.class)));
        idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("idle", Types.LONG));
        var metrics = getRuntimeContext().getMetricGroup();
        opened = metrics.counter("fleet_alerts_opened");
        cleared = metrics.counter("fleet_alerts_cleared");
        metrics.gauge("fleet_alerts_suppressed", () -> tracker.suppressed());
    }

    @Override
    public void processElement(ScoredWindow w, Context ctx, Collector<Alert> out) throws Exception {
        VehicleAlerts state = alerts.value();
        if (state == null) {
            if (w.findings.length == 0) {
                return;
            }
            state = new VehicleAlerts();
        }
        long now = ctx.timerService().currentProcessingTime();
        for (Alert a : tracker.onWindow(state, w, now)) {
            (AlertTracker.OPEN.equals(a.getStatus()) ? opened : cleared).inc();
            out.collect(a);
        }
        Long previous = idleTimer.value();
        if (previous != null) {
            ctx.timerService().deleteProcessingTimeTimer(previous);
        }
        if (state.isEmpty()) {
            alerts.clear();
            idleTimer.clear();
        } else {
            alerts.update(state);
            long at = now + settings.idleClearMs();
            ctx.timerService().registerProcessingTimeTimer(at);
            idleTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        VehicleAlerts state = alerts.value();
        if (state != null) {
            for (Alert a : tracker.clearAll(ctx.getCurrentKey(), state, timestamp)) {
                cleared.inc();
                out.collect(a);
            }
        }
        alerts.clear();
        idleTimer.clear();
    }
}
