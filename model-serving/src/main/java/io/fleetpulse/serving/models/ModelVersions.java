package io.fleetpulse.serving.models;

import io.fleetpulse.learner.servable.ModelSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one model the registry holds, newest first, and its pin if an operator set one.
 * Immutable: the registry replaces it whole, so a reader holding it sees one consistent state.
 */
public final class ModelVersions {

    /** An operator's choice to serve {@code version} instead of the newest. */
    public record Pin(long version, Instant pinnedAt) {}

    private final String name;
    private final List<ModelSnapshot> versions;
    private final Pin pin;
    private final Instant updatedAt;

    private ModelVersions(String name, List<ModelSnapshot> versions, Pin pin, Instant updatedAt) {
        this.name = name;
        this.versions = List.copyOf(versions);
        this.pin = pin;
        this.updatedAt = updatedAt;
    }

    static ModelVersions empty(String name) {
        return new ModelVersions(name, List.of(), null, null);
    }

    public String name() {
        return name;
    }

    /** The snapshot to serve: the pinned version if pinned, else the newest. */
    public ModelSnapshot served() {
        if (pin != null) {
            return find(pin.version())
                    .orElseThrow(
                            () ->
                                    new UnknownModelException(
                                            UnknownModelException.Reason.PINNED_VERSION_NOT_LOADED,
                                            name,
                                            "model "
                                                    + name
                                                    + " is pinned to version "
                                                    + pin.version()
                                                    + ", which is not loaded; unpin it or wait"
                                                    + " for that version"));
        }
        if (versions.isEmpty()) {
            throw new UnknownModelException(
                    UnknownModelException.Reason.UNKNOWN_MODEL,
                    name,
                    "model " + name + " has no version yet");
        }
        return versions.get(0);
    }

    /** The snapshot of {@code version}, if kept. */
    public ModelSnapshot version(long version) {
        return find(version)
                .orElseThrow(
                        () ->
                                new UnknownModelException(
                                        UnknownModelException.Reason.UNKNOWN_VERSION,
                                        name,
                                        "model "
                                                + name
                                                + " has no version "
                                                + version
                                                + " in memory; kept versions: "
                                                + versionNumbers()));
    }

    /** The newest version held, if any. */
    public Optional<ModelSnapshot> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
    }

    /** The version numbers held, newest first. */
    public List<Long> versionNumbers() {
        return versions.stream().map(ModelSnapshot::version).toList();
    }

    /** The snapshots held, newest first. */
    public List<ModelSnapshot> versions() {
        return versions;
    }

    public Optional<Pin> pin() {
        return Optional.ofNullable(pin);
    }

    /** When the newest version arrived (registry clock), or empty if none has. */
    public Optional<Instant> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    private Optional<ModelSnapshot> find(long version) {
        for (ModelSnapshot s : versions) {
            if (s.version() == version) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** With {@code snapshot} as the newest, keeping {@code keep} versions plus the pinned one. */
    ModelVersions withNewest(ModelSnapshot snapshot, int keep, Instant now) {
        List<ModelSnapshot> next = new ArrayList<>(versions.size() + 1);
        next.add(snapshot);
        next.addAll(versions);
        return new ModelVersions(name, trim(next, keep), pin, now);
    }

    /** Pinned to {@code snapshot}'s version, which is put back among the versions if missing. */
    ModelVersions withPin(ModelSnapshot snapshot, Instant pinnedAt) {
        List<ModelSnapshot> next = new ArrayList<>(versions);
        if (find(snapshot.version()).isEmpty()) {
            next.add(snapshot);
            next.sort((a, b) -> Long.compare(b.version(), a.version()));
        }
        return new ModelVersions(name, next, new Pin(snapshot.version(), pinnedAt), updatedAt);
    }

    /** Pinned to a version whose snapshot is not at hand (restored pin without its snapshot). */
    ModelVersions withPin(Pin restored) {
        return new ModelVersions(name, versions, restored, updatedAt);
    }

    ModelVersions withoutPin(int keep) {
        return new ModelVersions(name, versions, null, updatedAt).trimmed(keep);
    }

    private ModelVersions trimmed(int keep) {
        return new ModelVersions(name, trim(versions, keep), pin, updatedAt);
    }

    private List<ModelSnapshot> trim(List<ModelSnapshot> newestFirst, int keep) {
        List<ModelSnapshot> kept = new ArrayList<>(Math.min(newestFirst.size(), keep + 1));
        for (int i = 0; i < newestFirst.size(); i++) {
            ModelSnapshot s = newestFirst.get(i);
            if (i < keep || (pin != null && s.version() == pin.version())) {
                kept.add(s);
            }
        }
        return kept;
    }
}
