package io.fleetpulse.learner.replica;

import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.detect.RuleLimits;
import io.fleetpulse.learner.detect.ThresholdSettings;
import io.fleetpulse.learner.train.AdamSettings;
import io.fleetpulse.learner.train.DjlRuntime.DeviceChoice;
import java.io.Serializable;

/**
 * Everything a learner replica needs to know, independent of Flink (the job builds it from its
 * options; tests and the evaluation build it directly).
 *
 * @param batchSize rows per mini-batch
 * @param reportEveryMs a replica reports its parameters at least this often (if it trained)
 * @param reportEveryBatches ... or after this many mini-batches of one model, whichever first
 * @param coldStartSamples a model raises no alert before its published version was trained on this
 *     many samples
 * @param thresholds how scores become candidate anomalies
 * @param rules the physical rules' limits
 * @param adam the optimiser
 * @param device where to train
 * @param seed the seed of the starting weights (every replica starts from the same model)
 * @param compression how reports encode parameters
 * @param skipTrainingOnFindings windows with a finding are scored but not learned from, so the
 *     models do not learn the anomalies they should flag
 * @param explainTop features named in an explanation
 */
public record LearnerSettings(
        int batchSize,
        long reportEveryMs,
        int reportEveryBatches,
        long coldStartSamples,
        ThresholdSettings thresholds,
        RuleLimits rules,
        AdamSettings adam,
        DeviceChoice device,
        long seed,
        ParameterCompression compression,
        boolean skipTrainingOnFindings,
        int explainTop)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public LearnerSettings {
        if (batchSize < 1 || reportEveryMs < 1 || reportEveryBatches < 1 || explainTop < 1) {
            throw new IllegalArgumentException(
                    "batch size, report period, report batches and explanation size must be >= 1");
        }
        if (coldStartSamples < 0) {
            throw new IllegalArgumentException("cold start samples must be >= 0");
        }
    }

    public static LearnerSettings defaults() {
        return new LearnerSettings(
                32,
                10_000,
                50,
                2_000,
                ThresholdSettings.DEFAULTS,
                RuleLimits.DEFAULTS,
                AdamSettings.defaults(),
                DeviceChoice.AUTO,
                42,
                ParameterCompression.NONE,
                true,
                3);
    }

    public LearnerSettings withBatchSize(int n) {
        return new LearnerSettings(
                n,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                rules,
                adam,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withReporting(long everyMs, int everyBatches) {
        return new LearnerSettings(
                batchSize,
                everyMs,
                everyBatches,
                coldStartSamples,
                thresholds,
                rules,
                adam,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withColdStart(long samples) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                samples,
                thresholds,
                rules,
                adam,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withThresholds(ThresholdSettings t) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                t,
                rules,
                adam,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withRules(RuleLimits r) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                r,
                adam,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withAdam(AdamSettings a) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                rules,
                a,
                device,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withDevice(DeviceChoice d) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                rules,
                adam,
                d,
                seed,
                compression,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withCompression(ParameterCompression c) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                rules,
                adam,
                device,
                seed,
                c,
                skipTrainingOnFindings,
                explainTop);
    }

    public LearnerSettings withSkipTrainingOnFindings(boolean skip) {
        return new LearnerSettings(
                batchSize,
                reportEveryMs,
                reportEveryBatches,
                coldStartSamples,
                thresholds,
                rules,
                adam,
                device,
                seed,
                compression,
                skip,
                explainTop);
    }
}
