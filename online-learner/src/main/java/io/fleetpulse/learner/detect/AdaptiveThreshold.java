package io.fleetpulse.learner.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A model's alert threshold learned from its own scores: {@code margin x} a streaming quantile
 * ({@link P2Quantile}) of recent scores. Scores are tracked in generations of {@code window}
 * values; the threshold comes from the last complete generation (the current one until the first
 * completes), so it follows scores that drift as the model improves, and a burst of anomalies moves
 * it only within its quantile. Cold start: {@link #ready()} only after {@code minScores}.
 */
public final class AdaptiveThreshold {

    /** Floor of every threshold, so a perfect model does not alert on rounding noise. */
    public static final double MIN_THRESHOLD = 1e-6;

    private final ThresholdSettings settings;
    private P2Quantile current;
    private P2Quantile previous;
    private long total;

    public AdaptiveThreshold(ThresholdSettings settings) {
        this.settings = settings;
        this.current = new P2Quantile(settings.quantile());
    }

    public ThresholdSettings settings() {
        return settings;
    }

    /** Adds a score; non-finite ones are ignored. */
    public void add(double score) {
        if (!Double.isFinite(score)) {
            return;
        }
        current.add(score);
        total++;
        if (current.count() >= settings.window()) {
            previous = current;
            current = new P2Quantile(settings.quantile());
        }
    }

    /** Scores seen in all. */
    public long scores() {
        return total;
    }

    /** Whether enough scores were seen to use the threshold. */
    public boolean ready() {
        return total >= settings.minScores();
    }

    /** The threshold now ({@code NaN} before any score). */
    public double value() {
        P2Quantile q = previous != null ? previous : current;
        double estimate = q.estimate();
        return Double.isNaN(estimate)
                ? Double.NaN
                : Math.max(MIN_THRESHOLD, estimate * settings.margin());
    }

    /** Whether {@code score} is over a ready threshold. */
    public boolean exceeds(double score) {
        return ready() && score > value();
    }

    /** Writes the complete state (not the settings). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(total);
        current.write(out);
        out.writeBoolean(previous != null);
        if (previous != null) {
            previous.write(out);
        }
    }

    /** Reads what {@link #write} wrote, with {@code settings}. */
    public static AdaptiveThreshold read(DataInput in, ThresholdSettings settings)
            throws IOException {
        AdaptiveThreshold t = new AdaptiveThreshold(settings);
        t.total = in.readLong();
        t.current = P2Quantile.read(in);
        t.previous = in.readBoolean() ? P2Quantile.read(in) : null;
        return t;
    }
}
