package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * The cooling system fails (thermostat stuck closed, fan dead) for a few minutes; shown while the
 * coolant is above {@link AnomalyKind#OVERHEAT_C}, including the cool-down after the repair.
 */
final class EngineOverheating extends Episode {

    private double peakC;

    EngineOverheating(double endsS) {
        super(AnomalyKind.ENGINE_OVERHEATING, null, endsS);
    }

    @Override
    public void disturb(VehicleState s, Route route, Disturbances d) {
        d.coolingFault = injecting(s, route);
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        return s.timeS < endsS;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        double c = truth[Sensor.COOLANT_TEMP.ordinal()];
        if (c > AnomalyKind.OVERHEAT_C) {
            peakC = Math.max(peakC, c);
            return true;
        }
        return false;
    }

    @Override
    protected void newRun() {
        peakC = 0;
    }

    @Override
    protected String describe() {
        return "engine overheating, coolant up to " + fmt(peakC) + " degC (cooling system failure)";
    }
}
