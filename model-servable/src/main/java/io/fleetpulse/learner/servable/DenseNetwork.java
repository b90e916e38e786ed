package io.fleetpulse.learner.servable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected network evaluated in plain Java from a snapshot's tensors: ReLU between layers,
 * a linear output. This is the one inference path of every model — the learner scores with it and
 * model-serving predicts with it — so a prediction depends only on the snapshot and the input, bit
 * for bit, whatever engine trained the weights. Immutable and thread-safe.
 *
 * <p>Layer {@code i} has tensors {@code dense<i>.weight} of shape {@code [out, in]} and {@code
 * dense<i>.bias} of shape {@code [out]}: DJL's {@code Linear} layout, so parameters move between
 * the two without transposing. Sums are accumulated in double precision, in index order.
 */
public final class DenseNetwork {

    /**
     * The widths of a network's layers, input first.
     *
     * @param widths at least two, all positive
     */
    public record Spec(int[] widths) {
        public Spec {
            if (widths.length < 2) {
                throw new IllegalArgumentException("a network needs an input and an output width");
            }
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException(
                            "widths must be >= 1: " + Arrays.toString(widths));
                }
            }
            widths = widths.clone();
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        public int layers() {
            return widths.length - 1;
        }

        public int inputWidth() {
            return widths[0];
        }

        public int outputWidth() {
            return widths[widths.length - 1];
        }

        /** Names and shapes of the tensors, in order: weight then bias of each layer. */
        public List<NamedTensor> shapesOnly() {
            List<NamedTensor> out = new ArrayList<>();
            for (int l = 0; l < layers(); l++) {
                out.add(
                        new NamedTensor(
                                weightName(l),
                                new long[] {widths[l + 1], widths[l]},
                                new float[widths[l + 1] * widths[l]]));
                out.add(
                        new NamedTensor(
                                biasName(l), new long[] {widths[l + 1]}, new float[widths[l + 1]]));
            }
            return out;
        }

        /**
         * Deterministic starting weights: Xavier-uniform weights drawn from {@code seed}, zero
         * biases. Every replica starting from the same seed starts from the same model.
         */
        public List<NamedTensor> initialParameters(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<NamedTensor> out = new ArrayList<>();
            for (int l = 0; l < layers(); l++) {
                int in = widths[l];
                int outW = widths[l + 1];
                double limit = Math.sqrt(6.0 / (in + outW));
                float[] w = new float[in * outW];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
                out.add(new NamedTensor(weightName(l), new long[] {outW, in}, w));
                out.add(new NamedTensor(biasName(l), new long[] {outW}, new float[outW]));
            }
            return out;
        }
    }

    public static String weightName(int layer) {
        return "dense" + layer + ".weight";
    }

    public static String biasName(int layer) {
        return "dense" + layer + ".bias";
    }

    private final Spec spec;
    private final float[][] weights;
    private final float[][] biases;

    /**
     * @param parameters a tensor for every name of {@code spec}, with exactly its shape
     * @throws IllegalArgumentException naming the missing or misshapen tensor
     */
    public DenseNetwork(Spec spec, List<NamedTensor> parameters) {
        this.spec = spec;
        int layers = spec.layers();
        weights = new float[layers][];
        biases = new float[layers][];
        List<NamedTensor> expected = spec.shapesOnly();
        if (parameters.size() != expected.size()) {
            throw new IllegalArgumentException(
                    "expected "
                            + expected.size()
                            + " tensors "
                            + expected
                            + ", got "
                            + parameters.size()
                            + " "
                            + parameters);
        }
        for (int i = 0; i < expected.size(); i++) {
            NamedTensor want = expected.get(i);
            NamedTensor got = parameters.get(i);
            if (!want.name().equals(got.name()) || !Arrays.equals(want.shape(), got.shape())) {
                throw new IllegalArgumentException(
                        "tensor " + i + " should be " + want + " but is " + got);
            }
            for (int k = 0; k < got.size(); k++) {
                if (!Float.isFinite(got.get(k))) {
                    throw new IllegalArgumentException(
                            "tensor " + got.name() + " holds a non-finite value at " + k);
                }
            }
            if (i % 2 == 0) {
                weights[i / 2] = got.toArray();
            } else {
                biases[i / 2] = got.toArray();
            }
        }
    }

    public Spec spec() {
        return spec;
    }

    /** The network's output for {@code input} (length {@link Spec#inputWidth()}). */
    public double[] forward(double[] input) {
        if (input.length != spec.inputWidth()) {
            throw new IllegalArgumentException(
                    "expected " + spec.inputWidth() + " inputs, got " + input.length);
        }
        double[] x = input;
        int[] widths = spec.widths;
        for (int l = 0; l < weights.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float[] w = weights[l];
            float[] b = biases[l];
            double[] y = new double[out];
            boolean last = l == weights.length - 1;
            for (int o = 0; o < out; o++) {
                double sum = b[o];
                int row = o * in;
                for (int i = 0; i < in; i++) {
                    sum += w[row + i] * x[i];
                }
                y[o] = last || sum > 0 ? sum : 0;
            }
            x = y;
        }
        return x;
    }
}
