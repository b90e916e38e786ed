package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.detect.RuleLimits;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.replica.LocalLearner;
import java.util.List;

/**
 * The FleetPulse learner on an evaluation run: the job's replicas, averaging and alerting in one
 * thread ({@link LocalLearner}), with event time as the clock (averaging every T seconds of event
 * time, as the job does in processing time on a live stream). One run yields three detectors:
 * models and rules together (what ops get), models only, rules only. {@link #rulesOnly} runs the
 * rules without any model.
 */
final class LearnerDetectors {

    private LearnerDetectors() {}

    /** The learner's rules alone, without training or scoring any model. */
    static DetectorResult rulesOnly(
            List<FeatureVector> vectors, RuleLimits limits, AlertSettings alerts) {
        AlertCollector rules = new AlertCollector(alerts, f -> true);
        PhysicalRules check = new PhysicalRules(limits);
        long start = System.nanoTime();
        for (FeatureVector v : vectors) {
            rules.accept(ScoredWindows.of(v, check.check(v, 0)));
        }
        return new DetectorResult(
                "FleetPulse rules only", rules.finish(), System.nanoTime() - start);
    }

    static List<DetectorResult> run(
            List<FeatureVector> vectors,
            LearnerSettings settings,
            int replicas,
            long stragglerTimeoutMs,
            AlertSettings alerts) {
        AlertCollector all = new AlertCollector(alerts, f -> true);
        AlertCollector models = new AlertCollector(alerts, f -> Finding.MODEL.equals(f.source));
        AlertCollector rules = new AlertCollector(alerts, f -> Finding.RULE.equals(f.source));
        long start = System.nanoTime();
        long t0 = vectors.isEmpty() ? 0 : vectors.get(0).getWindowEnd();
        try (LocalLearner learner =
                new LocalLearner(settings, replicas, stragglerTimeoutMs, t0, s -> {})) {
            for (FeatureVector v : vectors) {
                ScoredWindow w = learner.process(v, v.getWindowEnd());
                all.accept(w);
                models.accept(w);
                rules.accept(w);
            }
        }
        long nanos = System.nanoTime() - start;
        return List.of(
                new DetectorResult("FleetPulse (models + rules)", all.finish(), nanos),
                new DetectorResult("FleetPulse models only", models.finish(), nanos),
                new DetectorResult("FleetPulse rules only", rules.finish(), nanos));
    }
}
