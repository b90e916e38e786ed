package io.fleetpulse.serving.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetpulse.learner.servable.ModelFormatException;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps operators' pins across restarts: {@code pins.json} in the state directory lists each pinned
 * model, version and when it was pinned, and {@code pinned/<model>-v<version>.fpms} holds the
 * pinned snapshot's bytes, because the compacted models topic may no longer have an old version
 * after a restart. Files are replaced atomically, so a crash leaves the old or the new state, never
 * half of one.
 */
final class PinStore {

    static final String PINS_FILE = "pins.json";
    static final String SNAPSHOT_DIR = "pinned";
    private static final int FORMAT_VERSION = 1;
    private static final String SNAPSHOT_SUFFIX = ".fpms";

    /** The JSON document. */
    record PinFile(int formatVersion, List<Entry> pins) {}

    /** One pin as written. */
    record Entry(String model, long version, String pinnedAt) {}

    /** A pin read back, with its snapshot when the file was there and intact. */
    record Restored(String model, ModelVersions.Pin pin, ModelSnapshot snapshot, String problem) {}

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    PinStore(Path dir) {
        this.dir = dir;
    }

    Path pinsFile() {
        return dir.resolve(PINS_FILE);
    }

    /**
     * The pins saved before, empty when none were.
     *
     * @throws IllegalStateException when {@code pins.json} exists but cannot be read: a pin is an
     *     operator's rollback, and silently serving the newest version instead would undo it
     */
    List<Restored> load() {
        if (!Files.exists(pinsFile())) {
            return List.of();
        }
        PinFile file;
        try {
            file = json.readValue(pinsFile().toFile(), PinFile.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read pin state " + pinsFile() + ": " + e.getMessage(), e);
        }
        if (file.formatVersion() != FORMAT_VERSION || file.pins() == null) {
            throw new IllegalStateException(
                    "pin state "
                            + pinsFile()
                            + " has format version "
                            + file.formatVersion()
                            + "; this build reads "
                            + FORMAT_VERSION);
        }
        List<Restored> out = new ArrayList<>();
        for (Entry e : file.pins()) {
            if (e.model() == null || !ModelSnapshot.NAME.matcher(e.model()).matches()) {
                throw new IllegalStateException(
                        "pin state " + pinsFile() + " names an invalid model: " + e.model());
            }
            ModelVersions.Pin pin;
            try {
                pin = new ModelVersions.Pin(e.version(), Instant.parse(e.pinnedAt()));
            } catch (RuntimeException ex) {
                throw new IllegalStateException(
                        "pin state "
                                + pinsFile()
                                + " has an invalid pin "
                                + e
                                + ": "
                                + ex.getMessage(),
                        ex);
            }
            Path snapshotFile = snapshotFile(e.model(), e.version());
            try {
                ModelSnapshot s = ModelSnapshot.fromBytes(Files.readAllBytes(snapshotFile));
                if (!s.modelName().equals(e.model()) || s.version() != e.version()) {
                    out.add(new Restored(e.model(), pin, null, snapshotFile + " holds " + s));
                } else {
                    out.add(new Restored(e.model(), pin, s, null));
                }
            } catch (IOException | ModelFormatException ex) {
                out.add(new Restored(e.model(), pin, null, snapshotFile + ": " + ex.getMessage()));
            }
        }
        return out;
    }

    /** Saves exactly these pins (with the snapshots at hand) and removes files no pin needs. */
    void save(Map<String, ModelVersions> models) {
        try {
            Files.createDirectories(dir.resolve(SNAPSHOT_DIR));
            List<Entry> entries = new ArrayList<>();
            Set<Path> needed = new HashSet<>();
            for (ModelVersions m : models.values()) {
                if (m.pin().isEmpty()) {
                    continue;
                }
                ModelVersions.Pin pin = m.pin().get();
                entries.add(new Entry(m.name(), pin.version(), pin.pinnedAt().toString()));
                Path file = snapshotFile(m.name(), pin.version());
                needed.add(file);
                for (ModelSnapshot s : m.versions()) {
                    if (s.version() == pin.version() && !Files.exists(file)) {
                        writeAtomically(file, s.toBytes());
                    }
                }
            }
            writeAtomically(
                    pinsFile(), json.writeValueAsBytes(new PinFile(FORMAT_VERSION, entries)));
            try (Stream<Path> files = Files.list(dir.resolve(SNAPSHOT_DIR))) {
                for (Path stale :
                        files.filter(p -> !needed.contains(p)).collect(Collectors.toList())) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save pin state to " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path snapshotFile(String model, long version) {
        return dir.resolve(SNAPSHOT_DIR).resolve(model + "-v" + version + SNAPSHOT_SUFFIX);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
