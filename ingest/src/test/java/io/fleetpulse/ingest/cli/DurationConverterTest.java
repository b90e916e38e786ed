package io.fleetpulse.ingest.cli;

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
    void readsDecimalsSpacesAndBareSeconds() {
        assertThat(DurationConverter.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsOtherTextAndNegativesWithExamples() {
        assertThatThrownBy(() -> converter.convert("five minutes"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'five minutes' is not a duration")
                .hasMessageContaining("5m");
        assertThatThrownBy(() -> converter.convert("-5m"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("-PT5M"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("5 weeks"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
