package io.fleetpulse.learner.detect;

/** An alert that is open for one vehicle and kind: what it was opened with. A Flink POJO. */
public class OpenAlert {

    public String alertId;
    public long startTime;

    /** End of the newest window that showed the condition. */
    public long lastSeen;

    public long detectedAt;
    public String windowKind;
    public String driverId;

    /** The most severe severity seen while open. */
    public String severity;

    /** Suppressed by the rate limit: tracked so it does not retry every window, never sent. */
    public boolean suppressed;

    /** The finding that opened it. */
    public Finding finding;

    public OpenAlert() {}
}
