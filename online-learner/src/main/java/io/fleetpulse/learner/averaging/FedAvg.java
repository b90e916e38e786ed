package io.fleetpulse.learner.averaging;

import io.fleetpulse.learner.servable.NamedTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Federated averaging (McMahan et al., 2017): the sample-weighted mean of the replicas' parameters,
 * tensor by tensor, accumulated in double precision in replica order.
 */
public final class FedAvg {

    private FedAvg() {}

    /**
     * @param models each replica's parameters, all with the same names and shapes in one order
     * @param weights each replica's weight (its sample count); at least one must be positive
     * @return {@code sum_i w_i * theta_i / sum_i w_i} for every tensor
     */
    public static List<NamedTensor> weightedMean(List<List<NamedTensor>> models, long[] weights) {
        if (models.isEmpty() || models.size() != weights.length) {
            throw new IllegalArgumentException(
                    models.size() + " models but " + weights.length + " weights");
        }
        double total = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("no replica has a positive weight");
        }
        List<NamedTensor> first = models.get(0);
        List<NamedTensor> out = new ArrayList<>(first.size());
        for (int t = 0; t < first.size(); t++) {
            NamedTensor shape = first.get(t);
            double[] sum = new double[shape.size()];
            for (int m = 0; m < models.size(); m++) {
                if (weights[m] == 0) {
                    continue;
                }
                if (models.get(m).size() != first.size()) {
                    throw new IllegalArgumentException(
                            "replica "
                                    + m
                                    + " has "
                                    + models.get(m).size()
                                    + " tensors, not "
                                    + first.size());
                }
                NamedTensor tensor = models.get(m).get(t);
                if (!tensor.name().equals(shape.name())
                        || !Arrays.equals(tensor.shape(), shape.shape())) {
                    throw new IllegalArgumentException(
                            "replica " + m + " has " + tensor + " where others have " + shape);
                }
                double w = weights[m] / total;
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += w * tensor.get(i);
                }
            }
            float[] values = new float[sum.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) sum[i];
            }
            out.add(new NamedTensor(shape.name(), shape.shape(), values));
        }
        return out;
    }
}
