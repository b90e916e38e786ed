package io.fleetpulse.learner.averaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.learner.servable.NamedTensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterCompressionTest {

    private static float[] roundTrip(ParameterCompression c, NamedTensor t, int[] size)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.writeValues(t, new DataOutputStream(bytes));
        size[0] = bytes.size();
        return c.readValues(
                t.size(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void halfPrecisionIsIeeeBinary16() {
        assertThat(ParameterCompression.toHalf(1f)).isEqualTo((short) 0x3c00);
        assertThat(ParameterCompression.toHalf(-2f)).isEqualTo((short) 0xc000);
        assertThat(ParameterCompression.toHalf(65504f)).isEqualTo((short) 0x7bff);
        assertThat(ParameterCompression.toHalf(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(ParameterCompression.toHalf(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(ParameterCompression.fromHalf((short) 0x3555))
                .isCloseTo(0.33325f, within(1e-5f));
        for (int bits = 0; bits < 0x7c00; bits++) {
            float f = ParameterCompression.fromHalf((short) bits);
            assertThat(ParameterCompression.toHalf(f)).isEqualTo((short) bits);
        }
    }

    @Test
    void eachEncodingSavesBytesWithinItsErrorBound() throws Exception {
        Random random = new Random(1);
        float[] values = new float[4_096];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.3 * random.nextGaussian());
        }
        NamedTensor t = new NamedTensor("w", new long[] {64, 64}, values);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] size = new int[1];

        assertThat(roundTrip(ParameterCompression.NONE, t, size)).containsExactly(values);
        assertThat(size[0]).isEqualTo(4 * values.length);

        float[] half = roundTrip(ParameterCompression.FP16, t, size);
        assertThat(size[0]).isEqualTo(2 * values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(half[i]).isCloseTo(values[i], within(Math.abs(values[i]) / 1024 + 1e-7f));
        }

        float[] int8 = roundTrip(ParameterCompression.INT8, t, size);
        assertThat(size[0]).isEqualTo(values.length + 8);
        float bound = (max - min) / 510 * 1.0001f;
        for (int i = 0; i < values.length; i++) {
            assertThat(int8[i]).isCloseTo(values[i], within(bound));
        }
    }

    @Test
    void aConstantTensorSurvivesInt8() throws Exception {
        NamedTensor t = new NamedTensor("b", new long[] {3}, new float[] {0.5f, 0.5f, 0.5f});
        assertThat(roundTrip(ParameterCompression.INT8, t, new int[1]))
                .containsExactly(0.5f, 0.5f, 0.5f);
        assertThatThrownBy(() -> ParameterCompression.parse("zip")).hasMessageContaining("none");
        assertThat(ParameterCompression.parse(" Fp16 ")).isEqualTo(ParameterCompression.FP16);
    }
}
