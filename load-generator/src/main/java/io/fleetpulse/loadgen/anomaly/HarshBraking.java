package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * An emergency stop: the driver brakes far harder than in normal driving, often to a standstill.
 */
final class HarshBraking extends Episode {

    private final double decelMps2;
    private final double fromKmh;
    private double peakDecel;

    HarshBraking(double endsS, double decelMps2, double fromKmh) {
        super(AnomalyKind.HARSH_BRAKING, null, endsS);
        this.decelMps2 = decelMps2;
        this.fromKmh = fromKmh;
    }

    @Override
    public void disturb(VehicleState s, Route route, Disturbances d) {
        if (injecting(s, route)) {
            d.harshBrakeMps2 = decelMps2;
        }
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        return s.timeS < endsS && s.speedMps > 0;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        double a = truth[Sensor.ACCELERATION.ordinal()];
        boolean harsh = a <= -AnomalyKind.HARSH_BRAKE_MPS2;
        if (harsh) {
            peakDecel = Math.max(peakDecel, -a);
        }
        return harsh;
    }

    @Override
    protected void newRun() {
        peakDecel = 0;
    }

    @Override
    protected String describe() {
        return "harsh braking at up to " + fmt(peakDecel) + " m/s^2 from " + fmt(fromKmh) + " km/h";
    }
}
