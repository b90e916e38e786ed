package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.AlertTracker;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.VehicleAlerts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The job's alerting step ({@link AlertTracker}, one state per vehicle) in one thread, keeping the
 * findings a detector variant is allowed to see, and collecting the resulting alerts as {@link
 * Detection}s.
 */
final class AlertCollector {

    private final AlertTracker tracker;
    private final Predicate<Finding> keep;
    private final Map<String, VehicleAlerts> vehicles = new HashMap<>();
    private final List<Detection> detections = new ArrayList<>();
    private long opened;

    AlertCollector(AlertSettings settings, Predicate<Finding> keep) {
        this.tracker = new AlertTracker(settings);
        this.keep = keep;
    }

    void accept(ScoredWindow w) {
        ScoredWindow view = new ScoredWindow();
        view.vehicleId = w.vehicleId;
        view.driverId = w.driverId;
        view.windowKind = w.windowKind;
        view.windowStart = w.windowStart;
        view.windowEnd = w.windowEnd;
        List<Finding> kept = new ArrayList<>(w.findings.length);
        for (Finding f : w.findings) {
            if (keep.test(f)) {
                kept.add(f);
            }
        }
        view.findings = kept.toArray(new Finding[0]);
        VehicleAlerts state = vehicles.computeIfAbsent(w.vehicleId, v -> new VehicleAlerts());
        record(tracker.onWindow(state, view, w.windowEnd));
    }

    private void record(List<Alert> alerts) {
        for (Alert a : alerts) {
            if (AlertTracker.OPEN.equals(a.getStatus())) {
                opened++;
            } else {
                detections.add(Detection.of(a));
            }
        }
    }

    /** Every alert as a detection, closing those still open at the end of the data. */
    List<Detection> finish() {
        vehicles.forEach((v, state) -> record(tracker.clearAll(v, state, 0)));
        vehicles.clear();
        if (detections.size() != opened) {
            throw new IllegalStateException(
                    opened + " alerts opened, " + detections.size() + " closed");
        }
        return detections;
    }

    long suppressed() {
        return tracker.suppressed();
    }
}
