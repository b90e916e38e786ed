package io.fleetpulse.serving;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent-Events response in a thread of its own: events and comments in order. */
final class SseReader implements AutoCloseable {

    /** One event, or a comment (then only {@code comment} is set). */
    record Event(String id, String event, String data, String comment) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread thread;

    SseReader(HttpResponse<Stream<String>> response) {
        this.lines = response.body();
        this.thread = new Thread(this::read, "sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip()));
                } else if (line.isEmpty()) {
                    if (data != null || event != null) {
                        events.add(
                                new Event(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data =
                            (data == null ? new StringBuilder() : data.append('\n'))
                                    .append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // stream closed
        }
    }

    /** The next event or comment, or null after {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next real event (comments skipped), or null after {@code timeout}. */
    Event nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null || e.comment() == null) {
                return e;
            }
        }
    }

    /** Waits for the comment {@code text}; false on timeout. */
    boolean awaitComment(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                return false;
            }
            if (text.equals(e.comment())) {
                return true;
            }
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
