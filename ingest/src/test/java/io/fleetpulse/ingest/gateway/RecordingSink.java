package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A {@link TelemetrySink} for HTTP-level unit tests: records what it is given. Acknowledges at
 * once, or fails every write, or holds writes until {@link #release()}, as a test needs. (The
 * end-to-end tests use Kafka itself.)
 */
final class RecordingSink implements TelemetrySink {

    enum Mode {
        ACK,
        FAIL,
        HOLD,
        /** Throws from the send call itself (a bug, as far as the gateway knows). */
        THROW
    }

    private final List<TelemetryEvent> sent = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final Semaphore writes = new Semaphore(0);
    private volatile Mode mode = Mode.ACK;
    private volatile boolean closed;

    void mode(Mode newMode) {
        mode = newMode;
    }

    @Override
    public synchronized CompletableFuture<Void> send(TelemetryEvent event) {
        sent.add(event);
        return outcome();
    }

    @Override
    public synchronized CompletableFuture<Void> sendDeadLetter(DeadLetter letter) {
        deadLetters.add(letter);
        return outcome();
    }

    private CompletableFuture<Void> outcome() {
        writes.release();
        return switch (mode) {
            case ACK -> CompletableFuture.completedFuture(null);
            case FAIL ->
                    CompletableFuture.failedFuture(
                            new org.apache.kafka.common.errors.TimeoutException(
                                    "test: broker gone"));
            case THROW -> throw new IllegalStateException("test: sink bug");
            case HOLD -> {
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.add(f);
                yield f;
            }
        };
    }

    /** Blocks until {@code count} writes (of either kind) have arrived in total. */
    void awaitWrites(int count) throws InterruptedException {
        writes.acquire(count);
        writes.release(count);
    }

    /** Acknowledges every held write. */
    synchronized void release() {
        held.forEach(f -> f.complete(null));
        held.clear();
    }

    synchronized List<TelemetryEvent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String describe() {
        return "recording sink";
    }

    @Override
    public void close() {
        closed = true;
    }
}
