package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.ScoredWindow;
import java.util.List;

/** A feature window with the findings a detector under evaluation made on it, and no scores. */
final class ScoredWindows {

    private ScoredWindows() {}

    static ScoredWindow of(FeatureVector v, List<Finding> findings) {
        ScoredWindow w = new ScoredWindow();
        w.vehicleId = v.getVehicleId();
        w.driverId = v.getDriverId();
        w.windowKind = v.getWindowKind();
        w.windowStart = v.getWindowStart();
        w.windowEnd = v.getWindowEnd();
        w.findings = findings.toArray(new Finding[0]);
        return w;
    }
}
