package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * One sensor's calibration drifts: its readings carry an offset that grows linearly with time,
 * toward the far end of the sensor's range so it stays a plausible (and so harder to catch) value.
 */
final class SensorDrift extends Episode {

    private final double startS;
    private final double ratePerS;

    SensorDrift(Sensor sensor, double startS, double endsS, double ratePerS) {
        super(AnomalyKind.SENSOR_DRIFT, sensor, endsS);
        this.startS = startS;
        this.ratePerS = ratePerS;
    }

    @Override
    public void distort(VehicleState s, double[] truth, double[] reading) {
        if (s.timeS < endsS) {
            Sensor sensor = sensor();
            int i = sensor.ordinal();
            double drifted = reading[i] + ratePerS * (s.timeS - startS);
            reading[i] = Math.max(sensor.min(), Math.min(sensor.max(), drifted));
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
        return sensor().field()
                + " drifting by "
                + String.format(java.util.Locale.ROOT, "%.4g", ratePerS)
                + " "
                + sensor().unit()
                + " per second, "
                + String.format(java.util.Locale.ROOT, "%.4g", ratePerS * (endsS - startS))
                + " at the end";
    }
}
