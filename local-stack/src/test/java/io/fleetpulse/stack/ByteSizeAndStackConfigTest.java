package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteSizeAndStackConfigTest {

    @Test
    void sizes() {
        assertThat(ByteSize.parse("268435456")).isEqualTo(256L << 20);
        assertThat(ByteSize.parse("256MiB")).isEqualTo(256L << 20);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("64 KB")).isEqualTo(64L << 10);
        assertThat(ByteSize.format(256L << 20)).isEqualTo("256 MiB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("not a size");
    }

    @Test
    void stackConfigRejectsClashingPorts() {
        assertThatThrownBy(
                        () ->
                                new StackConfig(
                                        19092,
                                        19092,
                                        18088,
                                        1L << 30,
                                        Set.of(),
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("three different ports");
    }
}
