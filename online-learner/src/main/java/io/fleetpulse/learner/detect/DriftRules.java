package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.Contribution;
import java.util.List;

/**
 * Sensor drift that physics exposes without a model: a battery voltage no charging system produces
 * (a 12 V system rests near 12.6 V and is regulated to about 14.4 V), and a fuel level that rises
 * while the vehicle drives without stopping (fuel only comes in at a pump, standing).
 */
final class DriftRules {

    /** Lowest and highest plausible battery voltage of a 12 V system, engine off or running. */
    static final double BATTERY_MIN_V = 11.8;

    static final double BATTERY_MAX_V = 15.5;

    /** Driving throughout the window (no stop, so no refuelling): speed never below this. */
    static final double DRIVING_KMH = 5;

    /** A rise of the fuel level this large while driving is no measurement noise [%]. */
    static final double FUEL_RISE_PCT = 0.1;

    private DriftRules() {}

    /** The explanation of the drift {@code v} shows (the deciding feature first), or null. */
    static List<Contribution> find(FeatureVector v) {
        double volts = v.getBatteryVoltageMean();
        if (v.getEventCount() > 0
                && volts > 0
                && (volts < BATTERY_MIN_V || volts > BATTERY_MAX_V)) {
            double limit = volts < BATTERY_MIN_V ? BATTERY_MIN_V : BATTERY_MAX_V;
            return List.of(
                    new Contribution("batteryVoltageMean", volts, limit, 1),
                    new Contribution("engineRpmMean", v.getEngineRpmMean(), Double.NaN, 0));
        }
        double rise = -v.getFuelLevelDropPct();
        if (v.getSpeedMin() >= DRIVING_KMH && rise >= FUEL_RISE_PCT) {
            return List.of(
                    new Contribution("fuelLevelDropPct", -rise, -FUEL_RISE_PCT, 1),
                    new Contribution("speedMin", v.getSpeedMin(), Double.NaN, 0));
        }
        return null;
    }
}
