package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.Segment;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * The driver speeds well beyond the limit on one stretch of road. Shown while the true speed is
 * above the limit times {@link AnomalyKind#OVER_SPEED_TOLERANCE} on that stretch.
 */
final class OverSpeeding extends Episode {

    private final Segment segment;
    private final double factor;
    private double peakKmh;

    OverSpeeding(double endsS, Segment segment, double factor) {
        super(AnomalyKind.OVER_SPEEDING, null, endsS);
        this.segment = segment;
        this.factor = factor;
    }

    @Override
    public void disturb(VehicleState s, Route route, Disturbances d) {
        if (injecting(s, route)) {
            d.overSpeedFactor = factor;
        }
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        return s.timeS < endsS && route.current() == segment;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        double kmh = truth[Sensor.SPEED.ordinal()];
        boolean over =
                route.current() == segment
                        && kmh > segment.limitKmh() * AnomalyKind.OVER_SPEED_TOLERANCE;
        if (over) {
            peakKmh = Math.max(peakKmh, kmh);
        }
        return over;
    }

    @Override
    protected void newRun() {
        peakKmh = 0;
    }

    @Override
    protected String describe() {
        return "speeding at up to "
                + fmt(peakKmh)
                + " km/h in a "
                + segment.limitKmh()
                + " km/h zone";
    }
}
