package io.fleetpulse.learner.detect;

/** How urgent an alert is, least first. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** A model finding's severity from how far its score is over the threshold. */
    public static Severity ofRatio(double scoreOverThreshold) {
        if (scoreOverThreshold >= 3) {
            return CRITICAL;
        }
        return scoreOverThreshold >= 1.5 ? WARNING : INFO;
    }

    /** The more severe of the two. */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
