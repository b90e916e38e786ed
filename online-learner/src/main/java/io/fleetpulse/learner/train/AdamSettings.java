package io.fleetpulse.learner.train;

/**
 * Adam's hyper-parameters for online training.
 *
 * @param learningRate step size
 * @param beta1 decay of the first-moment estimate
 * @param beta2 decay of the second-moment estimate
 * @param epsilon added to the denominator for stability
 * @param clipGradient gradients are clipped to {@code ±clipGradient} (a non-positive value: none)
 */
public record AdamSettings(
        float learningRate, float beta1, float beta2, float epsilon, float clipGradient)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Default learning rate: small models on standardized inputs learn fast and stably with it. */
    public static final float DEFAULT_LEARNING_RATE = 3e-3f;

    /** Default gradient clip, against the odd extreme mini-batch. */
    public static final float DEFAULT_CLIP = 5f;

    public AdamSettings {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
        }
    }

    /** Adam's usual betas and epsilon with {@code learningRate}. */
    public static AdamSettings withLearningRate(float learningRate) {
        return new AdamSettings(learningRate, 0.9f, 0.999f, 1e-8f, DEFAULT_CLIP);
    }

    public static AdamSettings defaults() {
        return withLearningRate(DEFAULT_LEARNING_RATE);
    }
}
