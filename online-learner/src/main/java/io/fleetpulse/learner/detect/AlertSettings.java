package io.fleetpulse.learner.detect;

import java.io.Serializable;

/**
 * How findings become alerts for ops.
 *
 * @param quietMs an open alert clears at the first window of its vehicle, without a finding of its
 *     kind, that ends this much event time after the last window that had one
 * @param maxOpensPerHour at most this many alerts open per vehicle per hour of event time; further
 *     ones are suppressed (counted, not sent) until they clear
 * @param idleClearMs an open alert of a vehicle that sends no window for this long (processing
 *     time) clears
 * @param confirmModelMs a finding that needs confirmation (model scores, fuel-level rules) opens an
 *     alert only when the same kind was also found in an earlier window of the vehicle that ended
 *     before this one started and at most this long before (0: a single window suffices)
 */
public record AlertSettings(
        long quietMs, int maxOpensPerHour, long idleClearMs, long confirmModelMs)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final AlertSettings DEFAULTS = new AlertSettings(30_000, 20, 600_000, 30_000);

    public AlertSettings {
        if (quietMs < 0 || maxOpensPerHour < 1 || idleClearMs < 1 || confirmModelMs < 0) {
            throw new IllegalArgumentException(
                    "quiet period must be >= 0, max opens per hour and idle clear >= 1");
        }
    }
}
