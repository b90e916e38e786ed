package io.fleetpulse.learner.train;

import io.fleetpulse.learner.servable.NamedTensor;
import java.util.List;

/**
 * Adam's state for one network, as checkpoints keep it: the step count (its bias correction) and
 * the first and second moment of every parameter ({@code <name>.m}, {@code <name>.v}).
 */
public record OptimizerState(long steps, List<NamedTensor> means, List<NamedTensor> variances) {

    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        }
        means = List.copyOf(means);
        variances = List.copyOf(variances);
    }
}
