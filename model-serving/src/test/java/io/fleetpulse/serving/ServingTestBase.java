package io.fleetpulse.serving;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.serving.bench.SyntheticModels;
import io.fleetpulse.serving.http.BearerAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Fixtures: a server without Kafka on a free port, snapshots and vectors of the real shapes. */
abstract class ServingTestBase {

    static final String TOKEN = "test-token-0123456789";
    static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

    static ServingSettings settings(Path stateDir, String bootstrap) {
        return ServingSettings.defaults(bootstrap, stateDir, new BearerAuth(List.of(TOKEN)))
                .withPort(0)
                .withLimits(512 * 1024, 100);
    }

    static ModelServing start(Path stateDir) {
        return ModelServing.start(settings(stateDir, null), Clock.systemUTC());
    }

    static ServingClient client(ModelServing s) {
        return new ServingClient(s.baseUri(), TOKEN);
    }

    /** Offers every model at {@code version} directly to the registry. */
    static void offerAll(ModelServing s, long version) {
        for (ModelSnapshot snap : SyntheticModels.all(version, CREATED.plusSeconds(version))) {
            s.registry().offer(snap);
        }
        s.registryChanged();
    }

    static ModelSnapshot snapshot(ModelKind kind, long version) {
        return SyntheticModels.snapshot(kind, version, CREATED.plusSeconds(version));
    }

    static FeatureVector vector(long seed) {
        return SyntheticModels.vector(
                new SplittableRandom(seed), "truck-" + seed, 1_000_000L * seed);
    }

    static Map<String, Object> json(FeatureVector v) {
        return SyntheticModels.json(v);
    }
}
