package io.fleetpulse.serving.models;

import io.fleetpulse.learner.servable.ModelSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models model-serving serves: for each model name its last {@code keep} snapshots and the one
 * served now. A new snapshot is swapped in atomically (one {@link AtomicReference} holding an
 * immutable {@link RegistryView}); requests take one view and finish on the version they started
 * with, and nobody waits for a swap. Versions never go backwards: an offered snapshot no newer than
 * the newest held is ignored and reported. An operator can pin a model to a kept version and unpin
 * it (rollback); pins are saved in the state directory and restored on start.
 */
public final class ModelRegistry {

    /** Versions kept in memory per model unless told otherwise. */
    public static final int DEFAULT_KEEP = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final AtomicReference<RegistryView> view = new AtomicReference<>(RegistryView.EMPTY);
    private final int keep;
    private final PinStore pins;
    private final Clock clock;
    private final Object pinChanges = new Object();

    private ModelRegistry(int keep, PinStore pins, Clock clock) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        this.keep = keep;
        this.pins = pins;
        this.clock = clock;
    }

    /**
     * A registry keeping {@code keep} versions per model, with its pins in {@code stateDir}
     * (created if missing), restoring the pins saved there.
     *
     * @throws IllegalStateException if saved pin state exists but cannot be read
     */
    public static ModelRegistry open(Path stateDir, int keep, Clock clock) {
        ModelRegistry registry = new ModelRegistry(keep, new PinStore(stateDir), clock);
        RegistryView restored = RegistryView.EMPTY;
        for (PinStore.Restored r : registry.pins.load()) {
            ModelVersions versions = restored.modelOrEmpty(r.model());
            if (r.snapshot() != null) {
                versions = versions.withPin(r.snapshot(), r.pin().pinnedAt());
                LOG.info("Restored pin of {} to version {}", r.model(), r.pin().version());
            } else {
                versions = versions.withPin(r.pin());
                LOG.warn(
                        "Restored pin of {} to version {} without its snapshot ({}); the model is"
                                + " not servable until that version arrives or it is unpinned",
                        r.model(),
                        r.pin().version(),
                        r.problem());
            }
            restored = restored.with(versions);
        }
        registry.view.set(restored);
        return registry;
    }

    /** As {@link #open(Path, int, Clock)} with {@link #DEFAULT_KEEP} and the system clock. */
    public static ModelRegistry open(Path stateDir) {
        return open(stateDir, DEFAULT_KEEP, Clock.systemUTC());
    }

    /** The current state; take it once per request. */
    public RegistryView current() {
        return view.get();
    }

    /**
     * The snapshot of {@code model} to serve now (shorthand for {@code current().served(model)}).
     */
    public ModelSnapshot served(String model) {
        return current().served(model);
    }

    /**
     * Offers a snapshot, e.g. one just read from the models topic. It becomes the model's newest
     * version (and is served unless the model is pinned) if it is newer than every version held;
     * otherwise it is ignored and the result says so.
     */
    public OfferResult offer(ModelSnapshot snapshot) {
        String name = snapshot.modelName();
        while (true) {
            RegistryView before = view.get();
            ModelVersions versions = before.modelOrEmpty(name);
            long newest = versions.newest().map(ModelSnapshot::version).orElse(-1L);
            if (snapshot.version() <= newest) {
                OfferResult ignored = OfferResult.ignored(name, snapshot.version(), newest);
                LOG.debug("{}: {}", name, ignored.reason());
                return ignored;
            }
            RegistryView after = before.with(versions.withNewest(snapshot, keep, clock.instant()));
            if (view.compareAndSet(before, after)) {
                return OfferResult.accepted(name, snapshot.version());
            }
        }
    }

    /**
     * Serves {@code version} of {@code model} from now on, whatever newer versions arrive, and
     * saves that choice.
     *
     * @return the pinned snapshot
     * @throws UnknownModelException if the model or that version is not held
     */
    public ModelSnapshot pin(String model, long version) {
        synchronized (pinChanges) {
            ModelSnapshot pinned = current().model(model).version(version);
            Instant at = clock.instant();
            change(model, versions -> versions.withPin(pinned, at));
            LOG.info("Pinned {} to version {}", model, version);
            return pinned;
        }
    }

    /**
     * Serves the newest version of {@code model} again and saves that choice.
     *
     * @return whether the model was pinned
     * @throws UnknownModelException if the model is not known
     */
    public boolean unpin(String model) {
        synchronized (pinChanges) {
            boolean wasPinned = current().model(model).pin().isPresent();
            change(model, versions -> versions.withoutPin(keep));
            LOG.info("Unpinned {}", model);
            return wasPinned;
        }
    }

    /** The file the pins are saved in. */
    public Path pinsFile() {
        return pins.pinsFile();
    }

    /**
     * Saves the pins as they will be after {@code change}, then applies it. Callers hold {@link
     * #pinChanges}, so pins change one at a time; offers may interleave but never touch pins. If
     * saving fails, nothing changes in memory either.
     */
    private void change(String model, UnaryOperator<ModelVersions> change) {
        RegistryView now = current();
        pins.save(now.with(change.apply(now.model(model))).models());
        while (true) {
            RegistryView before = view.get();
            RegistryView after = before.with(change.apply(before.model(model)));
            if (view.compareAndSet(before, after)) {
                return;
            }
        }
    }
}
