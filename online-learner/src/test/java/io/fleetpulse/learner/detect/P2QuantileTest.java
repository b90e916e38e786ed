package io.fleetpulse.learner.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class P2QuantileTest {

    private static double exact(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    @Test
    void tracksQuantilesOfSkewedAndSymmetricStreams() {
        Random random = new Random(1);
        double[] exponential = new double[50_000];
        double[] normal = new double[50_000];
        for (int i = 0; i < exponential.length; i++) {
            exponential[i] = -Math.log(1 - random.nextDouble());
            normal[i] = random.nextGaussian();
        }
        for (double p : new double[] {0.5, 0.9, 0.99, 0.999}) {
            P2Quantile e = new P2Quantile(p);
            P2Quantile n = new P2Quantile(p);
            for (int i = 0; i < exponential.length; i++) {
                e.add(exponential[i]);
                n.add(normal[i]);
            }
            double expE = exact(exponential, p);
            double expN = exact(normal, p);
            assertThat(e.estimate()).as("exponential p=%s", p).isCloseTo(expE, within(0.05 * expE));
            assertThat(n.estimate())
                    .as("normal p=%s", p)
                    .isCloseTo(expN, within(0.05 * Math.abs(expN) + 0.02));
        }
    }

    @Test
    void isExactForTheFirstValuesAndIgnoresNonFinite() {
        P2Quantile q = new P2Quantile(0.5);
        assertThat(q.estimate()).isNaN();
        q.add(3);
        q.add(Double.NaN);
        q.add(1);
        q.add(2);
        assertThat(q.count()).isEqualTo(3);
        assertThat(q.estimate()).isEqualTo(2);
        assertThatThrownBy(() -> new P2Quantile(1)).hasMessageContaining("(0, 1)");
    }

    @Test
    void stateRoundTripsAndContinuesIdentically() throws Exception {
        Random random = new Random(2);
        P2Quantile a = new P2Quantile(0.99);
        for (int i = 0; i < 1_000; i++) {
            a.add(random.nextGaussian());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        P2Quantile b =
                P2Quantile.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 1_000; i++) {
            double x = random.nextGaussian();
            a.add(x);
            b.add(x);
        }
        assertThat(b.estimate()).isEqualTo(a.estimate());
        assertThat(b.count()).isEqualTo(2_000);
    }
}
