package io.fleetpulse.learner.eval;

import com.amazon.randomcutforest.RandomCutForest;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.detect.AdaptiveThreshold;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.PhysicalRules;
import io.fleetpulse.learner.detect.RuleLimits;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.Severity;
import io.fleetpulse.learner.detect.ThresholdSettings;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import io.fleetpulse.learner.servable.ServableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon's Random Cut Forest (randomcutforest-core) as the streaming peer detector, on the same
 * feature vectors, standardized online and clipped exactly as the learner's inputs are: each vector
 * is scored, then added to the forest. Its scores pass through the same kind of adaptive threshold
 * (the same quantile, at several margins, since RCF's scores live on another scale than the
 * learner's: the evaluation keeps RCF's best, a tuning in its favour) and the same alerting; each
 * margin yields RCF alone and RCF with the same physical rules.
 */
final class RcfDetectors {

    /** The RCF authors' usual defaults. */
    static final int TREES = 50;

    static final int SAMPLE_SIZE = 256;

    /** Margins over the score quantile tried for RCF. */
    static final double[] MARGINS = {1.0, 1.25, 1.5, 2.0, 3.0};

    /** Name prefixes; the margin follows in the name. */
    static final String ALONE = "Random Cut Forest";

    static final String WITH_RULES = "Random Cut Forest + rules";

    private RcfDetectors() {}

    static List<DetectorResult> run(
            List<FeatureVector> vectors,
            ThresholdSettings thresholds,
            long coldStartSamples,
            RuleLimits limits,
            AlertSettings alerts,
            long seed) {
        List<String> columns = FeatureColumns.ALL;
        RandomCutForest forest =
                RandomCutForest.builder()
                        .dimensions(columns.size())
                        .numberOfTrees(TREES)
                        .sampleSize(SAMPLE_SIZE)
                        .randomSeed(seed)
                        .parallelExecutionEnabled(false)
                        .build();
        OnlineStandardizer stats = new OnlineStandardizer(columns);
        int n = MARGINS.length;
        AdaptiveThreshold[] threshold = new AdaptiveThreshold[n];
        AlertCollector[] alone = new AlertCollector[n];
        AlertCollector[] withRules = new AlertCollector[n];
        for (int i = 0; i < n; i++) {
            threshold[i] =
                    new AdaptiveThreshold(
                            new ThresholdSettings(
                                    thresholds.quantile(),
                                    MARGINS[i],
                                    thresholds.window(),
                                    thresholds.minScores()));
            alone[i] = new AlertCollector(alerts, f -> Finding.MODEL.equals(f.source));
            withRules[i] = new AlertCollector(alerts, f -> true);
        }
        PhysicalRules rules = new PhysicalRules(limits);
        long start = System.nanoTime();
        long seen = 0;
        for (FeatureVector v : vectors) {
            double[] x = FeatureColumns.read(v, columns);
            List<Finding> ruled = rules.check(v, 0);
            double score = Double.NaN;
            if (stats.count() > 1) {
                double[] z = ServableModel.standardizeInputs(stats, x, x.length);
                if (seen >= Math.max(SAMPLE_SIZE, coldStartSamples)) {
                    score = forest.getAnomalyScore(z);
                }
                forest.update(z);
                seen++;
            }
            stats.update(x);
            for (int i = 0; i < n; i++) {
                List<Finding> findings = new ArrayList<>(ruled);
                if (!Double.isNaN(score)) {
                    if (threshold[i].exceeds(score)) {
                        double t = threshold[i].value();
                        findings.add(
                                new Finding(
                                        "RCF_ANOMALY",
                                        Finding.MODEL,
                                        Severity.ofRatio(score / t),
                                        score,
                                        t,
                                        "rcf",
                                        0,
                                        List.of()));
                    }
                    threshold[i].add(score);
                }
                ScoredWindow w = ScoredWindows.of(v, findings);
                alone[i].accept(w);
                withRules[i].accept(w);
            }
        }
        long nanos = System.nanoTime() - start;
        List<DetectorResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String m = " (margin " + MARGINS[i] + ")";
            out.add(new DetectorResult(ALONE + m, alone[i].finish(), nanos));
            out.add(new DetectorResult(WITH_RULES + m, withRules[i].finish(), nanos));
        }
        return out;
    }
}
