package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/** One sensor keeps reporting the value it had when it got stuck. */
final class SensorStuck extends Episode {

    private double value = Double.NaN;

    SensorStuck(Sensor sensor, double endsS) {
        super(AnomalyKind.SENSOR_STUCK, sensor, endsS);
    }

    @Override
    public void distort(VehicleState s, double[] truth, double[] reading) {
        if (s.timeS < endsS) {
            int i = sensor().ordinal();
            if (Double.isNaN(value)) {
                value = reading[i];
            }
            reading[i] = value;
        }
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        return s.timeS < endsS;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        return injecting(s, route);
    }

    @Override
    protected String describe() {
        return sensor().field() + " stuck at " + value + " " + sensor().unit();
    }
}
