package io.fleetpulse.learner.detect;

/**
 * The limits of the explicit physical rules, the second line of detection next to the models.
 *
 * @param coolantWarnC coolant above this (window maximum) is overheating
 * @param coolantCriticalC ... and above this, critical
 * @param harshBrakes harsh-braking onsets in a window that raise an alert (0: rule off)
 * @param overSpeedSeconds seconds over the speed limit in a window that raise an alert
 * @param gpsJumpKm a GPS fix this far beyond what speed explains is a jump
 * @param stuckSeconds a sensor repeating one value this long while moving is stuck
 * @param fuelDropPerLitre fuel level falling this many % per litre burnt is a leak (a full tank of
 *     100 L falls 1 %/L)
 * @param fuelLeakMinDropPct ... if the level fell at least this much in the window
 * @param theftDropPct fuel level falling this many % while the vehicle hardly moved is theft
 * @param parkedKm at most this distance in the window counts as standing still
 */
public record RuleLimits(
        double coolantWarnC,
        double coolantCriticalC,
        int harshBrakes,
        double overSpeedSeconds,
        double gpsJumpKm,
        double stuckSeconds,
        double fuelDropPerLitre,
        double fuelLeakMinDropPct,
        double theftDropPct,
        double parkedKm)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final RuleLimits DEFAULTS =
            new RuleLimits(108, 115, 1, 5, 1.0, 30, 5, 0.3, 1.0, 0.05);
}
