package io.fleetpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsShortFormsAndIso() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("pt5m")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectsOtherTextWithExamples() {
        assertThatThrownBy(() -> converter.convert("five minutes"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("5m");
        assertThatThrownBy(() -> converter.convert("-5m"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
