package io.fleetpulse.serving.models;

import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One immutable state of the {@link ModelRegistry}: every model's versions and pin. A request takes
 * one view at its start and uses it to the end, so a hot swap while it runs cannot change the
 * version it uses halfway through.
 */
public final class RegistryView {

    static final RegistryView EMPTY = new RegistryView(Map.of());

    private final Map<String, ModelVersions> models;

    private RegistryView(Map<String, ModelVersions> models) {
        this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /** Every model, by name (sorted). */
    public Map<String, ModelVersions> models() {
        return models;
    }

    /** The versions of {@code name}. */
    public ModelVersions model(String name) {
        ModelVersions versions = models.get(name);
        if (versions == null) {
            throw new UnknownModelException(
                    UnknownModelException.Reason.UNKNOWN_MODEL,
                    name,
                    "unknown model " + name + "; known models: " + models.keySet());
        }
        return versions;
    }

    /** The snapshot of {@code name} to serve now (pinned, else newest). */
    public ModelSnapshot served(String name) {
        return model(name).served();
    }

    /** Whether every known model has a servable version (for readiness). */
    public boolean allServable() {
        for (ModelVersions v : models.values()) {
            try {
                v.served();
            } catch (UnknownModelException e) {
                return false;
            }
        }
        return true;
    }

    ModelVersions modelOrEmpty(String name) {
        ModelVersions versions = models.get(name);
        return versions == null ? ModelVersions.empty(name) : versions;
    }

    RegistryView with(ModelVersions versions) {
        Map<String, ModelVersions> next = new TreeMap<>(models);
        next.put(versions.name(), versions);
        return new RegistryView(next);
    }
}
