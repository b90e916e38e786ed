package io.fleetpulse.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaArgsTest {

    @Test
    void parsesAllOptions() {
        EmbeddedKafkaArgs a =
                EmbeddedKafkaArgs.parse(
                        new String[] {
                            "--data-dir", "d", "--port", "1234", "--controller-port", "0"
                        });
        assertThat(a).isEqualTo(new EmbeddedKafkaArgs(Path.of("d"), 1234, 0));
    }

    @Test
    void defaultsPortsAndRequiresDataDir() {
        assertThat(EmbeddedKafkaArgs.parse(new String[] {"--data-dir", "d"}).port())
                .isEqualTo(19092);
        assertThatThrownBy(() -> EmbeddedKafkaArgs.parse(new String[] {}))
                .hasMessageContaining("--data-dir");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(
                        () ->
                                EmbeddedKafkaArgs.parse(
                                        new String[] {"--data-dir", "d", "--port", "x"}))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(
                        () ->
                                EmbeddedKafkaArgs.parse(
                                        new String[] {"--data-dir", "d", "--port", "70000"}))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> EmbeddedKafkaArgs.parse(new String[] {"--nope", "1"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> EmbeddedKafkaArgs.parse(new String[] {"--data-dir"}))
                .hasMessageContaining("missing value");
    }
}
