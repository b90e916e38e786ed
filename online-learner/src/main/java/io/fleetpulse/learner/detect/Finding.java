package io.fleetpulse.learner.detect;

import io.fleetpulse.learner.servable.Contribution;
import java.util.List;

/**
 * One candidate anomaly in one feature window: a rule that fired or a model score over its
 * threshold, with the features that explain it. A Flink POJO (public fields, arrays) so it travels
 * between operators without generic serialization.
 */
public class Finding {

    /** Rule or model. */
    public static final String RULE = "RULE";

    public static final String MODEL = "MODEL";

    /** Alert kind, e.g. ENGINE_OVERHEATING or MODEL_ANOMALY. */
    public String kind;

    /** {@link #RULE} or {@link #MODEL}. */
    public String source;

    /** A {@link Severity} name. */
    public String severity;

    /** The model's score or the value the rule checked. */
    public double score;

    /** The model's threshold or the rule's limit. */
    public double threshold;

    /** The model's name, null for rules. */
    public String model;

    /** The version of the model that scored the window. */
    public long modelVersion;

    /** The explaining features, most important first, with their values, expectations, shares. */
    public String[] features = new String[0];

    /**
     * Whether a second, disjoint window must confirm it before it alerts: model scores, and rules
     * on slow quantities read through a noisy sensor (fuel level).
     */
    public boolean needsConfirmation;

    /**
     * With {@link #needsConfirmation}: only a finding with the same leading feature confirms it (a
     * drifting throttle is not confirmed by a battery that disagrees a minute later).
     */
    public boolean confirmSameFeature;

    public double[] values = new double[0];
    public double[] expected = new double[0];
    public double[] shares = new double[0];

    public Finding() {}

    public Finding(
            String kind,
            String source,
            Severity severity,
            double score,
            double threshold,
            String model,
            long modelVersion,
            List<Contribution> explanation) {
        this.kind = kind;
        this.source = source;
        this.severity = severity.name();
        this.score = score;
        this.threshold = threshold;
        this.model = model;
        this.modelVersion = modelVersion;
        this.needsConfirmation = MODEL.equals(source);
        int n = explanation.size();
        features = new String[n];
        values = new double[n];
        expected = new double[n];
        shares = new double[n];
        for (int i = 0; i < n; i++) {
            Contribution c = explanation.get(i);
            features[i] = c.feature();
            values[i] = c.value();
            expected[i] = c.expected();
            shares[i] = c.share();
        }
    }

    public Severity severity() {
        return Severity.valueOf(severity);
    }

    /** The explanation as contributions, most important first. */
    public List<Contribution> explanation() {
        Contribution[] out = new Contribution[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Contribution(features[i], values[i], expected[i], shares[i]);
        }
        return List.of(out);
    }

    @Override
    public String toString() {
        return kind + "(" + severity + ", " + source + ", score " + score + " > " + threshold + ")";
    }
}
