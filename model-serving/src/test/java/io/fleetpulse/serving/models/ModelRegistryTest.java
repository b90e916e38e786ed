package io.fleetpulse.serving.models;

import static io.fleetpulse.serving.models.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.learner.servable.ModelSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-01T13:00:00Z"), ZoneOffset.UTC);

    @TempDir Path state;

    private ModelRegistry registry(int keep) {
        return ModelRegistry.open(state, keep, CLOCK);
    }

    @Test
    void servesTheNewestVersionOfEachModel() {
        ModelRegistry registry = registry(3);

        assertThat(registry.offer(of("fuel", 1)).accepted()).isTrue();
        assertThat(registry.offer(of("fuel", 4)).accepted()).isTrue();
        registry.offer(of("brake", 2));

        assertThat(registry.served("fuel")).isEqualTo(of("fuel", 4));
        assertThat(registry.served("brake").version()).isEqualTo(2);
        assertThat(registry.current().models()).containsOnlyKeys("brake", "fuel");
        assertThat(registry.current().model("fuel").updatedAt()).contains(CLOCK.instant());
        assertThat(registry.current().allServable()).isTrue();
    }

    @Test
    void anOlderOrEqualVersionIsIgnoredAndReported() {
        ModelRegistry registry = registry(3);
        registry.offer(of("fuel", 5));

        OfferResult older = registry.offer(of("fuel", 3));
        OfferResult same = registry.offer(of("fuel", 5));

        assertThat(older.accepted()).isFalse();
        assertThat(older.newestVersion()).isEqualTo(5);
        assertThat(older.reason()).contains("older than 5");
        assertThat(same.accepted()).isFalse();
        assertThat(same.reason()).contains("already held");
        assertThat(registry.current().model("fuel").versionNumbers()).containsExactly(5L);
    }

    @Test
    void keepsTheLastKVersions() {
        ModelRegistry registry = registry(3);
        for (long v = 1; v <= 6; v++) {
            registry.offer(of("fuel", v));
        }

        assertThat(registry.current().model("fuel").versionNumbers()).containsExactly(6L, 5L, 4L);
        assertThat(registry.current().model("fuel").version(4)).isEqualTo(of("fuel", 4));
        assertThatThrownBy(() -> registry.current().model("fuel").version(2))
                .isInstanceOfSatisfying(
                        UnknownModelException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(UnknownModelException.Reason.UNKNOWN_VERSION))
                .hasMessageContaining("no version 2")
                .hasMessageContaining("[6, 5, 4]");
    }

    @Test
    void unknownModelsAndVersionsAreClearErrors() {
        ModelRegistry registry = registry(3);
        registry.offer(of("fuel", 1));

        assertThatThrownBy(() -> registry.served("nope"))
                .isInstanceOf(NoSuchElementException.class)
                .isInstanceOfSatisfying(
                        UnknownModelException.class,
                        e -> {
                            assertThat(e.reason())
                                    .isEqualTo(UnknownModelException.Reason.UNKNOWN_MODEL);
                            assertThat(e.model()).isEqualTo("nope");
                        })
                .hasMessageContaining("known models: [fuel]");
        assertThatThrownBy(() -> registry.pin("fuel", 9))
                .isInstanceOfSatisfying(
                        UnknownModelException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(UnknownModelException.Reason.UNKNOWN_VERSION));
        assertThatThrownBy(() -> registry.unpin("nope")).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void aPinnedVersionIsServedAndKeptUntilUnpinned() {
        ModelRegistry registry = registry(2);
        registry.offer(of("fuel", 1));
        registry.offer(of("fuel", 2));

        registry.pin("fuel", 1);
        registry.offer(of("fuel", 3));
        registry.offer(of("fuel", 4));

        ModelVersions fuel = registry.current().model("fuel");
        assertThat(fuel.served().version()).isEqualTo(1);
        assertThat(fuel.versionNumbers()).containsExactly(4L, 3L, 1L);
        assertThat(fuel.pin()).map(ModelVersions.Pin::version).contains(1L);

        assertThat(registry.unpin("fuel")).isTrue();

        assertThat(registry.served("fuel").version()).isEqualTo(4);
        assertThat(registry.current().model("fuel").versionNumbers()).containsExactly(4L, 3L);
        assertThat(registry.unpin("fuel")).isFalse();
    }

    @Test
    void aViewTakenBeforeASwapKeepsItsVersion() {
        ModelRegistry registry = registry(3);
        registry.offer(of("fuel", 1));
        RegistryView request = registry.current();

        registry.offer(of("fuel", 2));

        assertThat(request.served("fuel").version()).isEqualTo(1);
        assertThat(registry.served("fuel").version()).isEqualTo(2);
    }

    @Test
    void pinsSurviveARestart() {
        ModelRegistry first = registry(2);
        first.offer(of("fuel", 1));
        first.offer(of("fuel", 2));
        first.offer(of("brake", 7));
        first.pin("fuel", 1);

        ModelRegistry second = registry(2);

        // Served at once, before the models topic is read again: the pinned snapshot was saved.
        assertThat(second.served("fuel")).isEqualTo(of("fuel", 1));
        assertThatThrownBy(() -> second.served("brake")).isInstanceOf(UnknownModelException.class);
        second.offer(of("fuel", 2));
        second.offer(of("fuel", 3));
        assertThat(second.served("fuel").version()).isEqualTo(1);

        second.unpin("fuel");
        ModelRegistry third = registry(2);

        assertThat(third.current().models()).isEmpty();
        assertThat(state.resolve(PinStore.SNAPSHOT_DIR)).isEmptyDirectory();
    }

    @Test
    void aRestoredPinWhoseSnapshotIsLostIsNotServedUntilThatVersionArrives() throws Exception {
        ModelRegistry first = registry(2);
        first.offer(of("fuel", 1));
        first.pin("fuel", 1);
        try (var files = Files.list(state.resolve(PinStore.SNAPSHOT_DIR))) {
            files.forEach(p -> p.toFile().delete());
        }

        ModelRegistry second = registry(2);

        assertThatThrownBy(() -> second.served("fuel"))
                .isInstanceOfSatisfying(
                        UnknownModelException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(
                                                UnknownModelException.Reason
                                                        .PINNED_VERSION_NOT_LOADED))
                .hasMessageContaining("pinned to version 1");
        assertThat(second.current().allServable()).isFalse();
        second.offer(of("fuel", 1));
        assertThat(second.served("fuel").version()).isEqualTo(1);
    }

    @Test
    void unreadablePinStateStopsTheStartWithTheFileNamed() throws Exception {
        Files.writeString(state.resolve(PinStore.PINS_FILE), "{ not json");

        assertThatThrownBy(() -> registry(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PinStore.PINS_FILE);
    }

    @Test
    void thePinFileIsSmallReadableJson() throws Exception {
        ModelRegistry registry = registry(2);
        registry.offer(of("fuel", 3));
        registry.pin("fuel", 3);

        String json = Files.readString(registry.pinsFile());

        assertThat(json)
                .contains("\"model\" : \"fuel\"")
                .contains("\"version\" : 3")
                .contains("2026-03-01T13:00:00Z");
        ModelSnapshot pinned = registry.served("fuel");
        assertThat(pinned.version()).isEqualTo(3);
    }
}
