package io.fleetpulse.learner.detect;

/**
 * The limits of the explicit physical rules, the second line of detection next to the models.
 * Defaults sit beyond what normal driving produces in the simulator's fleet (see the module README
 * for the distributions they were read from).
 *
 * @param coolantWarnC coolant above this (window maximum) is overheating
 * @param coolantCriticalC ... and above this, critical
 * @param harshBrakeMps2 a deceleration beyond this (window minimum of acceleration) is harsh
 *     braking (0: rule off)
 * @param overSpeedKmh a window maximum speed beyond this is over any road's limit
 * @param gpsJumpKm a GPS fix this far beyond what speed explains is a jump
 * @param stuckMinEvents an engine-driven sensor that reports exactly one value over a window of at
 *     least this many events while the engine runs is stuck (0: rule off)
 * @param stuckMinSeconds a sensor that reported one exact observed value for this long while the
 *     vehicle moved is stuck (FeatureJob's per-sensor runs; 0: rule off)
 * @param fuelDropPerLitre fuel level falling this many % per litre burnt is a leak (a full tank of
 *     100 L falls 1 %/L)
 * @param fuelLeakMinDropPct ... if the level fell at least this much in the window
 * @param theftDropPctPerMin fuel level falling this many % per minute while the vehicle hardly
 *     moved is theft (siphoning); a slower fall while standing is a leak
 * @param parkedKm at most this distance in the window counts as standing still
 */
public record RuleLimits(
        double coolantWarnC,
        double coolantCriticalC,
        double harshBrakeMps2,
        double overSpeedKmh,
        double gpsJumpKm,
        int stuckMinEvents,
        double stuckMinSeconds,
        double fuelDropPerLitre,
        double fuelLeakMinDropPct,
        double theftDropPctPerMin,
        double parkedKm)
        implements java.io.Serializable {

    private static final long serialVersionUID = 3L;

    public static final RuleLimits DEFAULTS =
            new RuleLimits(110, 118, 4.5, 150, 5.0, 8, 5, 4, 0.08, 6.0, 0.05);
}
