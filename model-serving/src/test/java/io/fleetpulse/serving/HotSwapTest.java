package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.ServableModel;
import io.fleetpulse.serving.http.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swaps under concurrent HTTP load: no request fails, every answer names its version and is
 * exactly that version's score, versions seen by a client never go backwards, and after a pin every
 * answer is the pinned version.
 */
class HotSwapTest extends ServingTestBase {

    private static final int CLIENTS = 4;
    private static final int VERSIONS = 40;

    @TempDir Path state;

    @Test
    void swapsUnderLoadNeverFailAndNeverGoBackwardsUnlessPinned() throws Exception {
        FeatureVector v = vector(42);
        String body = Json.write(json(v));
        List<ModelSnapshot> snapshots = new ArrayList<>();
        Map<Long, Double> expected = new ConcurrentHashMap<>();
        for (long version = 1; version <= VERSIONS; version++) {
            ModelSnapshot s = snapshot(ModelKind.ANOMALY, version);
            snapshots.add(s);
            expected.put(version, ServableModel.of(s).score(v).score());
        }
        try (ModelServing serving = start(state)) {
            serving.registry().offer(snapshots.get(0));
            serving.registryChanged();
            ServingClient client = client(serving);
            AtomicBoolean pinned = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicInteger answers = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                Thread th =
                        new Thread(
                                () -> {
                                    long last = 0;
                                    while (!stop.get()) {
                                        HttpResponse<String> r;
                                        try {
                                            r =
                                                    client.http()
                                                            .send(
                                                                    client.builder(
                                                                                    "/v1/models/anomaly-ae/predict")
                                                                            .header(
                                                                                    "Content-Type",
                                                                                    "application/json")
                                                                            .POST(
                                                                                    HttpRequest
                                                                                            .BodyPublishers
                                                                                            .ofString(
                                                                                                    body))
                                                                            .build(),
                                                                    HttpResponse.BodyHandlers
                                                                            .ofString());
                                        } catch (Exception e) {
                                            failures.add(e.toString());
                                            continue;
                                        }
                                        if (r.statusCode() != 200) {
                                            failures.add(r.statusCode() + " " + r.body());
                                            continue;
                                        }
                                        // The pin flag is set before the pin request, so an answer
                                        // that reflects the pin always sees it set.
                                        long version;
                                        double score;
                                        try {
                                            var json = Json.MAPPER.readTree(r.body());
                                            version = json.get("version").asLong();
                                            score = json.get("score").doubleValue();
                                        } catch (Exception e) {
                                            failures.add("unreadable " + r.body());
                                            continue;
                                        }
                                        if (!r.headers()
                                                .firstValue("X-Model-Version")
                                                .orElse("")
                                                .equals(Long.toString(version))) {
                                            failures.add("header and body disagree on the version");
                                        }
                                        if (expected.get(version) != score) {
                                            failures.add("v" + version + " answered " + score);
                                        }
                                        if (version < last && !pinned.get()) {
                                            failures.add(
                                                    "went back from v" + last + " to v" + version);
                                        }
                                        last = version;
                                        answers.incrementAndGet();
                                    }
                                });
                threads.add(th);
                th.start();
            }
            for (ModelSnapshot s : snapshots.subList(1, snapshots.size())) {
                serving.registry().offer(s);
                serving.registryChanged();
                Thread.sleep(15);
            }
            int beforePin = answers.get();
            pinned.set(true);
            ServingClient.Answer pin = client.put("/v1/models/anomaly-ae/pin", "{\"version\":38}");
            assertThat(pin.status()).isEqualTo(200);
            // After the pin took effect, every answer is v38.
            List<Long> afterPin = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                afterPin.add(
                        client.post("/v1/models/anomaly-ae/predict", body)
                                .json()
                                .get("version")
                                .asLong());
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
            assertThat(failures).isEmpty();
            assertThat(beforePin).isGreaterThan(CLIENTS);
            assertThat(afterPin).containsOnly(38L);
            assertThat(
                            client.post("/v1/models/anomaly-ae/predict", body)
                                    .json()
                                    .get("version")
                                    .asLong())
                    .isEqualTo(38);
        }
    }
}
