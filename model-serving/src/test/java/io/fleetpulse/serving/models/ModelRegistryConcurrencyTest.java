package io.fleetpulse.serving.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.learner.servable.ModelSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers in several threads while writers swap versions in. */
class ModelRegistryConcurrencyTest {

    private static final int VERSIONS = 3_000;
    private static final int READERS = 4;

    @TempDir Path state;

    @Test
    void readersAlwaysSeeWholeSnapshotsAndVersionsNeverDecrease() throws Exception {
        ModelRegistry registry = ModelRegistry.open(state, 3, Clock.systemUTC());
        registry.offer(Snapshots.of("fuel", 0));
        // Built up front, so writers only swap.
        List<ModelSnapshot> odd = new ArrayList<>();
        List<ModelSnapshot> even = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            (v % 2 == 0 ? even : odd).add(Snapshots.of("fuel", v));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 2);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    long last = -1;
                                    long reads = 0;
                                    // One last read after the writers finish, then stop.
                                    boolean more = true;
                                    while (more) {
                                        more = writing.get();
                                        RegistryView view = registry.current();
                                        ModelSnapshot s = view.served("fuel");
                                        if (!Snapshots.isWhole(s)) {
                                            problems.add("torn snapshot " + s);
                                        }
                                        if (s.version() < last) {
                                            problems.add(
                                                    "went back from "
                                                            + last
                                                            + " to "
                                                            + s.version());
                                        }
                                        if (view.model("fuel").newest().orElseThrow() != s) {
                                            problems.add("view not consistent at " + s.version());
                                        }
                                        last = s.version();
                                        reads++;
                                    }
                                    return last;
                                }));
            }
            // Two writers race: each offers its versions in order; the registry keeps the max.
            Future<?> oddWriter = pool.submit(() -> offerAll(registry, odd, start));
            Future<?> evenWriter = pool.submit(() -> offerAll(registry, even, start));
            start.countDown();
            oddWriter.get();
            evenWriter.get();
            writing.set(false);
            for (Future<Long> reader : readers) {
                assertThat(reader.get()).isEqualTo(VERSIONS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(problems).isEmpty();
        assertThat(registry.served("fuel").version()).isEqualTo(VERSIONS);
        // Which of the last versions were kept depends on how the writers interleaved (an odd
        // version that lost the race to a newer even one was rightly ignored).
        List<Long> kept = registry.current().model("fuel").versionNumbers();
        assertThat(kept)
                .hasSize(3)
                .startsWith((long) VERSIONS)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    private static Void offerAll(
            ModelRegistry registry, List<ModelSnapshot> snapshots, CountDownLatch start)
            throws InterruptedException {
        start.await();
        for (ModelSnapshot s : snapshots) {
            registry.offer(s);
        }
        return null;
    }

    @Test
    void aPinHoldsWhileWritersKeepSwapping() throws Exception {
        ModelRegistry registry = ModelRegistry.open(state, 2, Clock.systemUTC());
        for (int v = 1; v <= 3; v++) {
            registry.offer(Snapshots.of("fuel", v));
        }
        registry.pin("fuel", 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer =
                    pool.submit(
                            () -> {
                                for (int v = 4; v <= 2_000; v++) {
                                    registry.offer(Snapshots.of("fuel", v));
                                }
                            });
            while (!writer.isDone()) {
                assertThat(registry.served("fuel").version()).isEqualTo(2);
            }
            writer.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.served("fuel").version()).isEqualTo(2);
        assertThat(registry.current().model("fuel").versionNumbers())
                .containsExactly(2000L, 1999L, 2L);
    }
}
