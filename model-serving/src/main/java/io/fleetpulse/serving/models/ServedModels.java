package io.fleetpulse.serving.models;

import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServableModel} (network built, statistics copied) of every snapshot the registry
 * holds, built once per model version instead of once per request. Entries for versions the
 * registry no longer holds are dropped by {@link #retain(RegistryView)}.
 */
public final class ServedModels {

    private record Key(String model, long version) {}

    private final Map<Key, ServableModel> built = new ConcurrentHashMap<>();

    /**
     * The servable form of {@code snapshot}.
     *
     * @throws IllegalArgumentException if the snapshot does not fit its model kind
     */
    public ServableModel of(ModelSnapshot snapshot) {
        Key key = new Key(snapshot.modelName(), snapshot.version());
        ServableModel m = built.get(key);
        if (m == null) {
            m = built.computeIfAbsent(key, k -> ServableModel.of(snapshot));
        }
        return m;
    }

    /** Forgets every version {@code view} does not hold. */
    public void retain(RegistryView view) {
        Set<Key> held = new HashSet<>();
        for (ModelVersions versions : view.models().values()) {
            for (ModelSnapshot s : versions.versions()) {
                held.add(new Key(s.modelName(), s.version()));
            }
        }
        built.keySet().retainAll(held);
    }

    /** How many versions are built (for tests). */
    int size() {
        return built.size();
    }
}
