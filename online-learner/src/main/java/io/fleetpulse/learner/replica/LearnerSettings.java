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
 * @param keepLocalProgress a replica adopting an averaged version keeps what it trained since the
 *     report that average included: it takes the average plus its own parameter change since then
 *     (exactly the average when it trained nothing in between), so the latency of the trip through
 *     the models topic does not throw training away
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
        int explainTop,
        boolean keepLocalProgress)
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
        return new Builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public LearnerSettings withBatchSize(int n) {
        return toBuilder().batchSize(n).build();
    }

    public LearnerSettings withReporting(long everyMs, int everyBatches) {
        return toBuilder().reportEveryMs(everyMs).reportEveryBatches(everyBatches).build();
    }

    public LearnerSettings withColdStart(long samples) {
        return toBuilder().coldStartSamples(samples).build();
    }

    public LearnerSettings withThresholds(ThresholdSettings t) {
        return toBuilder().thresholds(t).build();
    }

    public LearnerSettings withRules(RuleLimits r) {
        return toBuilder().rules(r).build();
    }

    public LearnerSettings withAdam(AdamSettings a) {
        return toBuilder().adam(a).build();
    }

    public LearnerSettings withDevice(DeviceChoice d) {
        return toBuilder().device(d).build();
    }

    public LearnerSettings withCompression(ParameterCompression c) {
        return toBuilder().compression(c).build();
    }

    public LearnerSettings withSkipTrainingOnFindings(boolean skip) {
        return toBuilder().skipTrainingOnFindings(skip).build();
    }

    public LearnerSettings withKeepLocalProgress(boolean keep) {
        return toBuilder().keepLocalProgress(keep).build();
    }

    /** Builds {@link LearnerSettings}; starts from the defaults. */
    public static final class Builder {
        private int batchSize = 32;
        private long reportEveryMs = 10_000;
        private int reportEveryBatches = 50;
        private long coldStartSamples = 2_000;
        private ThresholdSettings thresholds = ThresholdSettings.DEFAULTS;
        private RuleLimits rules = RuleLimits.DEFAULTS;
        private AdamSettings adam = AdamSettings.defaults();
        private DeviceChoice device = DeviceChoice.AUTO;
        private long seed = 42;
        private ParameterCompression compression = ParameterCompression.NONE;
        private boolean skipTrainingOnFindings = true;
        private int explainTop = 3;
        private boolean keepLocalProgress = true;

        public Builder() {}

        private Builder(LearnerSettings s) {
            batchSize = s.batchSize;
            reportEveryMs = s.reportEveryMs;
            reportEveryBatches = s.reportEveryBatches;
            coldStartSamples = s.coldStartSamples;
            thresholds = s.thresholds;
            rules = s.rules;
            adam = s.adam;
            device = s.device;
            seed = s.seed;
            compression = s.compression;
            skipTrainingOnFindings = s.skipTrainingOnFindings;
            explainTop = s.explainTop;
            keepLocalProgress = s.keepLocalProgress;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder reportEveryMs(long v) {
            reportEveryMs = v;
            return this;
        }

        public Builder reportEveryBatches(int v) {
            reportEveryBatches = v;
            return this;
        }

        public Builder coldStartSamples(long v) {
            coldStartSamples = v;
            return this;
        }

        public Builder thresholds(ThresholdSettings v) {
            thresholds = v;
            return this;
        }

        public Builder rules(RuleLimits v) {
            rules = v;
            return this;
        }

        public Builder adam(AdamSettings v) {
            adam = v;
            return this;
        }

        public Builder device(DeviceChoice v) {
            device = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder compression(ParameterCompression v) {
            compression = v;
            return this;
        }

        public Builder skipTrainingOnFindings(boolean v) {
            skipTrainingOnFindings = v;
            return this;
        }

        public Builder explainTop(int v) {
            explainTop = v;
            return this;
        }

        public Builder keepLocalProgress(boolean v) {
            keepLocalProgress = v;
            return this;
        }

        public LearnerSettings build() {
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
                    skipTrainingOnFindings,
                    explainTop,
                    keepLocalProgress);
        }
    }
}
