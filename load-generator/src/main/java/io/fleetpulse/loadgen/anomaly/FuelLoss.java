package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * Fuel leaving the tank other than through the engine: a leak (while driving or standing) or theft
 * (siphoned while parked). Shown while fuel is being lost, so the level falls much faster than the
 * fuel rate explains.
 */
final class FuelLoss extends Episode {

    /** Losses stop before the tank is this empty (litres). */
    private static final double KEEP_LITRES = 4;

    private final double litresPerHour;
    private final boolean theft;
    private double lostLitres;
    private double lastS = Double.NaN;

    FuelLoss(AnomalyKind kind, double endsS, double litresPerHour) {
        super(kind, null, endsS);
        this.litresPerHour = litresPerHour;
        this.theft = kind == AnomalyKind.FUEL_THEFT;
    }

    @Override
    public void disturb(VehicleState s, Route route, Disturbances d) {
        if (injecting(s, route)) {
            d.fuelLossLph = litresPerHour;
            if (!Double.isNaN(lastS)) {
                lostLitres += litresPerHour * (s.timeS - lastS) / 3600;
            }
            lastS = s.timeS;
        }
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        boolean parkedIfTheft = !theft || s.phase == VehicleState.Phase.PARKED;
        return s.timeS < endsS && parkedIfTheft && s.fuelLitres > KEEP_LITRES;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        // At the pump the level rises whatever leaks: that stretch shows no loss.
        return injecting(s, route) && s.phase != VehicleState.Phase.REFUELLING;
    }

    @Override
    protected String describe() {
        return theft
                ? "fuel theft: about " + fmt(lostLitres) + " L siphoned while parked"
                : "fuel leak of "
                        + fmt(litresPerHour)
                        + " L/h, about "
                        + fmt(lostLitres)
                        + " L lost";
    }
}
