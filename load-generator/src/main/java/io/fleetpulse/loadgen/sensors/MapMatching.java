package io.fleetpulse.loadgen.sensors;

import io.fleetpulse.loadgen.physics.Segment;
import java.util.SplittableRandom;

/**
 * The telematics unit's on-board map matching, which reports the posted speed limit of the road the
 * vehicle is on. As in real units the limit is unknown without a GPS fix (nothing to match) and on
 * roads whose limit the map does not hold (unsigned or unmapped stretches), decided once per
 * stretch. The limit is a primitive with NaN for "unknown": a boxed {@code Double} per message,
 * stored in the long-lived vehicle, cost a garbage-collector write barrier (and a dirty card) on
 * every event.
 */
public final class MapMatching {

    /** Share of road stretches whose limit the map lacks when missingness is on. */
    public static final double UNMAPPED_SHARE = 0.04;

    private final SplittableRandom rng;
    private final double unmappedShare;
    private Segment matched;
    private boolean mapped;

    /**
     * @param missingness the fleet's missingness (no missing data at all means a complete map)
     * @param rng this unit's own random stream
     */
    public MapMatching(MissingnessConfig missingness, SplittableRandom rng) {
        this.rng = rng;
        this.unmappedShare = missingness.equals(MissingnessConfig.NONE) ? 0 : UNMAPPED_SHARE;
    }

    /** Reads this unit's fields, so that a step soon after finds them in the cache. */
    public long prefetch() {
        return mapped ? 1 : 0;
    }

    /**
     * The limit to report on {@code segment} [km/h], or NaN when unknown.
     *
     * @param gpsFix whether this message has a position to match
     */
    public double limitKmh(Segment segment, boolean gpsFix) {
        if (segment != matched) {
            matched = segment;
            mapped = unmappedShare == 0 || rng.nextDouble() >= unmappedShare;
        }
        return gpsFix && mapped ? segment.limitKmh() : Double.NaN;
    }
}
