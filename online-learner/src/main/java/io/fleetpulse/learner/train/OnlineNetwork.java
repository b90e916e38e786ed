package io.fleetpulse.learner.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.fleetpulse.learner.servable.DenseNetwork;
import io.fleetpulse.learner.servable.NamedTensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link DenseNetwork} being trained by DJL's PyTorch engine with Adam, one mini-batch at a time:
 * the same layers (DJL {@code Linear} + ReLU, linear output) and the same tensor names and shapes
 * as the plain-Java network, so parameters move between the two as {@link NamedTensor}s. Owns
 * native memory: close it. Not thread-safe.
 */
public final class OnlineNetwork implements AutoCloseable {

    private final DenseNetwork.Spec spec;
    private final AdamSettings adam;
    private final Model model;
    private final NDManager manager;
    private final SequentialBlock block;
    private final ParameterStore store;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private long steps;

    /**
     * @param initial the starting parameters ({@link DenseNetwork.Spec#initialParameters})
     */
    public OnlineNetwork(
            DenseNetwork.Spec spec, Device device, AdamSettings adam, List<NamedTensor> initial) {
        DjlRuntime.configure();
        this.spec = spec;
        this.adam = adam;
        this.model = Model.newInstance("fleetpulse", device, "PyTorch");
        boolean ok = false;
        try {
            this.manager = model.getNDManager();
            this.block = new SequentialBlock();
            int[] widths = spec.widths();
            for (int l = 1; l < widths.length; l++) {
                block.add(Linear.builder().setUnits(widths[l]).build());
                if (l < widths.length - 1) {
                    block.add(Activation::relu);
                }
            }
            model.setBlock(block);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, widths[0]));
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter param = p.getValue();
                param.getArray().setRequiresGradient(true);
                parameters.add(param);
                means.add(manager.zeros(param.getArray().getShape()));
                variances.add(manager.zeros(param.getArray().getShape()));
            }
            this.store = new ParameterStore(manager, false);
            setParameters(initial);
            ok = true;
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    public DenseNetwork.Spec spec() {
        return spec;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Mini-batches trained so far (also Adam's bias-correction step). */
    public long steps() {
        return steps;
    }

    /**
     * One Adam step on a mini-batch of {@code rows} rows.
     *
     * @param x row-major inputs, {@code rows x inputWidth}
     * @param y row-major targets, {@code rows x outputWidth}
     * @return the batch's mean squared error before the step
     */
    public double trainStep(float[] x, float[] y, int rows) {
        int in = spec.inputWidth();
        int out = spec.outputWidth();
        if (rows < 1 || x.length < rows * in || y.length < rows * out) {
            throw new IllegalArgumentException(
                    "a batch of "
                            + rows
                            + " rows needs "
                            + rows * in
                            + " inputs and "
                            + rows * out
                            + " targets");
        }
        double loss;
        try (NDManager batch = manager.newSubManager()) {
            NDArray xs = batch.create(FloatBuffer.wrap(x, 0, rows * in), new Shape(rows, in));
            NDArray ys = batch.create(FloatBuffer.wrap(y, 0, rows * out), new Shape(rows, out));
            Engine engine = manager.getEngine();
            DjlRuntime.GRADIENTS.lock();
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray predicted = block.forward(store, new NDList(xs), true).singletonOrThrow();
                NDArray mse = predicted.sub(ys).square().mean();
                collector.backward(mse);
                loss = mse.getFloat();
            } finally {
                DjlRuntime.GRADIENTS.unlock();
            }
            steps++;
            applyAdam();
        }
        return loss;
    }

    private void applyAdam() {
        double c1 = 1 - Math.pow(adam.beta1(), steps);
        double c2 = 1 - Math.pow(adam.beta2(), steps);
        float corrected = (float) (adam.learningRate() * Math.sqrt(c2) / c1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            try (NDArray grad = weight.getGradient()) {
                weight.getNDArrayInternal()
                        .adamUpdate(
                                new NDList(weight, grad, means.get(i), variances.get(i)),
                                new NDList(weight),
                                adam.learningRate(),
                                corrected,
                                0f,
                                1f,
                                adam.clipGradient(),
                                adam.beta1(),
                                adam.beta2(),
                                adam.epsilon(),
                                true,
                                false);
            }
        }
    }

    /** The network's output for {@code rows} rows, computed by the engine (for checks). */
    public float[] forward(float[] x, int rows) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray xs =
                    batch.create(
                            FloatBuffer.wrap(x, 0, rows * spec.inputWidth()),
                            new Shape(rows, spec.inputWidth()));
            return block.forward(store, new NDList(xs), false).singletonOrThrow().toFloatArray();
        }
    }

    /** A copy of the parameters, in {@link DenseNetwork.Spec#shapesOnly()} order. */
    public List<NamedTensor> parameters() {
        return export(parameters.stream().map(Parameter::getArray).toList(), "");
    }

    /** Overwrites every parameter in place (e.g. with an averaged model). */
    public void setParameters(List<NamedTensor> values) {
        write(parameters.stream().map(Parameter::getArray).toList(), values, "");
    }

    /** Adam's state: step count, first and second moments. */
    public OptimizerState optimizerState() {
        return new OptimizerState(steps, export(means, ".m"), export(variances, ".v"));
    }

    /** Restores {@link #optimizerState()} (from a checkpoint). */
    public void setOptimizerState(OptimizerState state) {
        write(means, state.means(), ".m");
        write(variances, state.variances(), ".v");
        steps = state.steps();
    }

    private List<NamedTensor> export(List<NDArray> arrays, String suffix) {
        List<NamedTensor> names = spec.shapesOnly();
        List<NamedTensor> out = new ArrayList<>(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NamedTensor n = names.get(i);
            out.add(new NamedTensor(n.name() + suffix, n.shape(), arrays.get(i).toFloatArray()));
        }
        return out;
    }

    private void write(List<NDArray> arrays, List<NamedTensor> values, String suffix) {
        List<NamedTensor> names = spec.shapesOnly();
        if (values.size() != names.size()) {
            throw new IllegalArgumentException(
                    "expected " + names.size() + " tensors, got " + values.size());
        }
        for (int i = 0; i < names.size(); i++) {
            NamedTensor want = names.get(i);
            NamedTensor got = values.get(i);
            if (!got.name().equals(want.name() + suffix)
                    || !Arrays.equals(got.shape(), want.shape())) {
                throw new IllegalArgumentException(
                        "tensor "
                                + i
                                + " should be "
                                + want.name()
                                + suffix
                                + Arrays.toString(want.shape())
                                + " but is "
                                + got);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            arrays.get(i).set(values.get(i).buffer());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
