package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    @TempDir Path dir;

    private static ComponentState kafka(long pid) {
        return new ComponentState(
                "kafka",
                pid,
                StackManager.KAFKA_MAIN,
                "127.0.0.1:19092",
                19092,
                19093,
                "/w/stack/logs/kafka.log",
                Instant.parse("2024-01-01T00:00:00.123Z"));
    }

    @Test
    void savesAndLoadsEveryField() {
        StackLayout layout = new StackLayout(dir);
        StackState state = StackState.empty(layout).with(kafka(42));
        state.save(layout);
        assertThat(Files.exists(layout.stateFile())).isTrue();
        assertThat(StackState.load(layout)).isEqualTo(state);
        assertThat(StackState.load(layout).component("kafka")).contains(kafka(42));
    }

    @Test
    void withReplacesAndWithoutRemovesByName() {
        StackLayout layout = new StackLayout(dir);
        StackState s = StackState.empty(layout).with(kafka(1)).with(kafka(2));
        assertThat(s.components()).containsExactly(kafka(2));
        assertThat(s.without("kafka").components()).isEmpty();
    }

    @Test
    void noFileMeansNothingRuns() {
        assertThat(StackState.load(new StackLayout(dir)).components()).isEmpty();
    }

    @Test
    void unreadableFileIsAClearError() throws Exception {
        StackLayout layout = new StackLayout(dir);
        Files.createDirectories(layout.stackDir());
        Files.writeString(layout.stateFile(), "{not json");
        assertThatThrownBy(() -> StackState.load(layout))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + layout.stateFile());
    }

    @Test
    void deleteRemovesTheFile() {
        StackLayout layout = new StackLayout(dir);
        StackState.empty(layout).with(kafka(1)).save(layout);
        StackState.delete(layout);
        assertThat(Files.exists(layout.stateFile())).isFalse();
    }
}
