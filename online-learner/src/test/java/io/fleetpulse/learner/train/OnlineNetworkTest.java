package io.fleetpulse.learner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.fleetpulse.learner.servable.DenseNetwork;
import io.fleetpulse.learner.servable.NamedTensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineNetworkTest {

    private static final DenseNetwork.Spec SPEC = new DenseNetwork.Spec(new int[] {6, 16, 8, 1});
    private static final int BATCH = 32;

    /** y = 2 x0 - x1 + 0.5 x2 x3 + noise. */
    private static void batch(Random random, float[] x, float[] y) {
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < 6; i++) {
                x[r * 6 + i] = (float) random.nextGaussian();
            }
            y[r] =
                    (float)
                            (2 * x[r * 6]
                                    - x[r * 6 + 1]
                                    + 0.5 * x[r * 6 + 2] * x[r * 6 + 3]
                                    + 0.05 * random.nextGaussian());
        }
    }

    @Test
    void theEnginesForwardPassEqualsThePlainJavaNetwork() {
        List<NamedTensor> params = SPEC.initialParameters(7);
        float[] x = new float[BATCH * 6];
        batch(new Random(1), x, new float[BATCH]);
        try (OnlineNetwork net =
                new OnlineNetwork(SPEC, Device.cpu(), AdamSettings.defaults(), params)) {
            float[] engine = net.forward(x, BATCH);
            DenseNetwork java = new DenseNetwork(SPEC, net.parameters());
            for (int r = 0; r < BATCH; r++) {
                double[] row = new double[6];
                for (int i = 0; i < 6; i++) {
                    row[i] = x[r * 6 + i];
                }
                assertThat(java.forward(row)[0]).isCloseTo(engine[r], within(1e-5));
            }
            assertThat(net.parameters()).isEqualTo(params);
        }
    }

    @Test
    void learnsARelationMiniBatchByMiniBatch() {
        Random random = new Random(2);
        float[] x = new float[BATCH * 6];
        float[] y = new float[BATCH];
        try (OnlineNetwork net =
                new OnlineNetwork(
                        SPEC,
                        Device.cpu(),
                        AdamSettings.withLearningRate(3e-3f),
                        SPEC.initialParameters(3))) {
            double first = 0;
            double last = 0;
            for (int step = 0; step < 1500; step++) {
                batch(random, x, y);
                double loss = net.trainStep(x, y, BATCH);
                if (step < 50) {
                    first += loss / 50;
                }
                if (step >= 1450) {
                    last += loss / 50;
                }
            }
            assertThat(net.steps()).isEqualTo(1500);
            assertThat(first).isGreaterThan(2);
            assertThat(last).isLessThan(0.1);
        }
    }

    @Test
    void parametersAndOptimizerStateMoveToAnotherNetworkExactly() {
        Random random = new Random(3);
        float[] x = new float[BATCH * 6];
        float[] y = new float[BATCH];
        try (OnlineNetwork a =
                        new OnlineNetwork(
                                SPEC,
                                Device.cpu(),
                                AdamSettings.defaults(),
                                SPEC.initialParameters(1));
                OnlineNetwork b =
                        new OnlineNetwork(
                                SPEC,
                                Device.cpu(),
                                AdamSettings.defaults(),
                                SPEC.initialParameters(2))) {
            for (int i = 0; i < 20; i++) {
                batch(random, x, y);
                a.trainStep(x, y, BATCH);
            }
            b.setParameters(a.parameters());
            b.setOptimizerState(a.optimizerState());
            assertThat(b.parameters()).isEqualTo(a.parameters());
            assertThat(b.steps()).isEqualTo(20);

            batch(random, x, y);
            a.trainStep(x, y, BATCH);
            b.trainStep(x, y, BATCH);

            assertThat(b.parameters()).isEqualTo(a.parameters());
        }
    }

    @Test
    void refusesTensorsOfAnotherShape() {
        try (OnlineNetwork net =
                new OnlineNetwork(
                        SPEC, Device.cpu(), AdamSettings.defaults(), SPEC.initialParameters(1))) {
            List<NamedTensor> other =
                    new DenseNetwork.Spec(new int[] {6, 4, 1}).initialParameters(1);
            assertThatThrownBy(() -> net.setParameters(other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected 6 tensors");
        }
    }
}
