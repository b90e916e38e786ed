package io.fleetpulse.stack.impute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.flink.impute.MiceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class MiceOptionsTest {

    @Command(name = "holder")
    static final class Holder {
        @Mixin MiceOptions mice;
    }

    private static MiceOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.mice;
    }

    @Test
    void defaultsAreTheJobsDefaults() {
        MiceConfig config = parse().applyTo(MiceConfig.defaults());
        assertThat(config.imputations()).isEqualTo(MiceConfig.DEFAULT_IMPUTATIONS);
        assertThat(config.iterations()).isEqualTo(MiceConfig.DEFAULT_ITERATIONS);
        assertThat(config.halfLife()).isEqualTo(MiceConfig.DEFAULT_HALF_LIFE);
    }

    @Test
    void appliesWhatIsGivenAndKeepsTheRest() {
        MiceConfig base = MiceConfig.defaults().withMinObservations(10);
        MiceConfig config =
                parse("--imputations", "7", "--iterations", "2", "--half-life", "30m")
                        .applyTo(base);
        assertThat(config.imputations()).isEqualTo(7);
        assertThat(config.iterations()).isEqualTo(2);
        assertThat(config.halfLife()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.minObservations()).isEqualTo(10);
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirName() {
        MiceOptions options = parse("--imputations", "0");
        assertThatThrownBy(() -> options.applyTo(MiceConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("imputations");
    }
}
