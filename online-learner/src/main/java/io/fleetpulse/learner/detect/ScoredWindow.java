package io.fleetpulse.learner.detect;

/**
 * What the learner says about one feature window: every model's score and the version that scored
 * it, and the findings (rules fired, scores over thresholds). Every window yields one, findings or
 * not, so the alerting step also learns when a condition has ended. A Flink POJO.
 */
public class ScoredWindow {

    public String vehicleId;
    public String driverId;
    public String windowKind;
    public long windowStart;
    public long windowEnd;

    /** Model names, in the order of {@link #versions}, {@link #scores}, {@link #thresholds}. */
    public String[] models = new String[0];

    /** The version that scored the window; 0 while a model has no published version yet. */
    public long[] versions = new long[0];

    /** The scores; {@code NaN} where no version exists yet. */
    public double[] scores = new double[0];

    /** The thresholds in force; {@code NaN} while still in cold start. */
    public double[] thresholds = new double[0];

    public Finding[] findings = new Finding[0];

    public ScoredWindow() {}

    /** The version of the anomaly model that scored this window (0 if none yet). */
    public long anomalyModelVersion() {
        return versions.length == 0 ? 0 : versions[0];
    }

    public boolean hasFinding(String kind) {
        for (Finding f : findings) {
            if (f.kind.equals(kind)) {
                return true;
            }
        }
        return false;
    }
}
