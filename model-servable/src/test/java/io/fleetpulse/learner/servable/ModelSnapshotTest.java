package io.fleetpulse.learner.servable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ModelSnapshotTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123Z");

    private static OnlineStandardizer standardizer() {
        OnlineStandardizer s = new OnlineStandardizer(List.of("speedMean", "fuelRate"));
        s.update(new double[] {50, 8});
        s.update(new double[] {70, 12});
        return s;
    }

    private static ModelSnapshot snapshot() {
        return ModelSnapshot.builder("anomaly-ae", 17)
                .optCreatedAt(CREATED)
                .optRound(9)
                .optReplicas(List.of(1, 0))
                .optSampleCount(123_456)
                .setStandardizer(standardizer())
                .addParameter(
                        new NamedTensor(
                                "enc.weight",
                                new long[] {2, 3},
                                new float[] {1, 2, 3, 4, 5, -6.5f}))
                .addParameter(
                        new NamedTensor(
                                "enc.bias",
                                new long[] {3},
                                new float[] {0.1f, 0.2f, Float.MIN_VALUE}))
                .addParameter(new NamedTensor("scale", new long[] {}, new float[] {2}))
                .putMetric("loss", 0.0123)
                .putMetric("mse", 0.5)
                .build();
    }

    @Test
    void roundTripsThroughItsBinaryForm() {
        ModelSnapshot s = snapshot();

        byte[] bytes = s.toBytes();
        ModelSnapshot back = ModelSnapshot.fromBytes(bytes);

        assertThat(back).isEqualTo(s);
        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(ModelSnapshotCodec.MAGIC);
        assertThat(bytes[4]).isEqualTo((byte) ModelSnapshotCodec.FORMAT_VERSION);
        assertThat(back.modelName()).isEqualTo("anomaly-ae");
        assertThat(back.version()).isEqualTo(17);
        assertThat(back.createdAt()).isEqualTo(CREATED);
        assertThat(back.round()).isEqualTo(9);
        assertThat(back.replicas()).containsExactly(0, 1);
        assertThat(back.sampleCount()).isEqualTo(123_456);
        assertThat(back.parameters())
                .extracting(NamedTensor::name)
                .containsExactly("enc.weight", "enc.bias", "scale");
        assertThat(back.parameter("enc.weight").shape()).containsExactly(2, 3);
        assertThat(back.parameter("enc.weight").toArray()).containsExactly(1, 2, 3, 4, 5, -6.5f);
        assertThat(back.metrics())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("loss", 0.0123),
                        org.assertj.core.api.Assertions.entry("mse", 0.5));
        assertThat(back.standardize(new double[] {60, 10})).containsExactly(0, 0);
    }

    @Test
    void isImmutable() {
        OnlineStandardizer stats = standardizer();
        float[] data = {1, 2};
        ModelSnapshot s =
                ModelSnapshot.builder("m", 1)
                        .setStandardizer(stats)
                        .addParameter(new NamedTensor("w", new long[] {2}, data))
                        .build();

        stats.update(new double[] {1000, 1000});
        data[0] = 99;
        s.standardizer().update(new double[] {1000, 1000});
        s.parameter("w").toArray()[1] = 99;

        assertThat(s.standardizer().count()).isEqualTo(2);
        assertThat(s.parameter("w").toArray()).containsExactly(1, 2);
        assertThat(s.parameter("w").buffer().isReadOnly()).isTrue();
        assertThatThrownBy(() -> s.metrics().put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.parameters().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesInvalidContentWithAReason() {
        assertThatThrownBy(() -> ModelSnapshot.builder("no spaces", 1))
                .hasMessageContaining("model name must match");
        assertThatThrownBy(() -> ModelSnapshot.builder("m", -1)).hasMessageContaining("version");
        assertThatThrownBy(() -> ModelSnapshot.builder("m", 1).build())
                .hasMessageContaining("standardizer");
        assertThatThrownBy(() -> new NamedTensor("w", new long[] {2, 2}, new float[3]))
                .hasMessageContaining("holds 4 values but data has 3");
        assertThatThrownBy(
                        () ->
                                ModelSnapshot.builder("m", 1)
                                        .addParameter(
                                                new NamedTensor("w", new long[] {1}, new float[1]))
                                        .addParameter(
                                                new NamedTensor("w", new long[] {1}, new float[1])))
                .hasMessageContaining("duplicate parameter w");
        assertThatThrownBy(() -> snapshot().parameter("nope"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("enc.weight");
    }

    @Test
    void everyCorruptedOrTruncatedFormIsAClearError() {
        byte[] bytes = snapshot().toBytes();
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x40;
            assertThatThrownBy(() -> ModelSnapshot.fromBytes(flipped))
                    .as("flip at %d", i)
                    .isInstanceOf(ModelFormatException.class);
            byte[] cut = Arrays.copyOf(bytes, i);
            assertThatThrownBy(() -> ModelSnapshot.fromBytes(cut))
                    .as("cut at %d", i)
                    .isInstanceOf(ModelFormatException.class);
        }
        assertThatThrownBy(() -> ModelSnapshot.fromBytes(standardizer().toBytes()))
                .hasMessageContaining("not a model snapshot");
        byte[] future = bytes.clone();
        future[4] = 2;
        assertThatThrownBy(() -> ModelSnapshot.fromBytes(future))
                .hasMessageContaining(
                        "unsupported model snapshot format version 2 (this build reads 1)");
        byte[] corrupt = bytes.clone();
        corrupt[20] ^= 1;
        assertThatThrownBy(() -> ModelSnapshot.fromBytes(corrupt))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aLargeModelRoundTrips() {
        float[] weights = new float[512 * 256];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.sin(i);
        }
        ModelSnapshot s =
                ModelSnapshot.builder("fuel-rate", 3)
                        .setStandardizer(standardizer())
                        .addParameter(new NamedTensor("w", new long[] {512, 256}, weights))
                        .build();

        byte[] bytes = s.toBytes();

        assertThat(ModelSnapshot.fromBytes(bytes)).isEqualTo(s);
        assertThat(bytes.length).isLessThan(weights.length * Float.BYTES + 512);
    }
}
