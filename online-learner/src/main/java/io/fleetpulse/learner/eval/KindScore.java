package io.fleetpulse.learner.eval;

/**
 * Event-level detection figures for one anomaly kind (or overall).
 *
 * @param kind the kind, or {@code ALL}
 * @param labels labelled anomaly episodes
 * @param detected episodes matched by at least one alert
 * @param alerts alerts attributed to the kind (its own, plus kind-agnostic ones that matched it)
 * @param correctAlerts of those, alerts that matched an episode
 * @param meanDelaySeconds mean time from an episode's start to its first matching alert
 */
public record KindScore(
        String kind,
        int labels,
        int detected,
        int alerts,
        int correctAlerts,
        double meanDelaySeconds) {

    public double recall() {
        return labels == 0 ? Double.NaN : (double) detected / labels;
    }

    public double precision() {
        return alerts == 0 ? Double.NaN : (double) correctAlerts / alerts;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
            return p + r == 0 ? 0 : Double.NaN;
        }
        return 2 * p * r / (p + r);
    }
}
