package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.TelemetryEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands objects to and from a Flink job running in this JVM's mini cluster by name: the events a
 * generator source replays, the records a collecting sink keeps. Only for the evaluation, which
 * runs FeatureJob in-process over data it holds.
 */
final class InProcess {

    private static final Map<String, Iterator<TelemetryEvent>> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, Queue<Object>> SINKS = new ConcurrentHashMap<>();

    private InProcess() {}

    static String register(Iterator<TelemetryEvent> events) {
        String id = UUID.randomUUID().toString();
        SOURCES.put(id, events);
        return id;
    }

    static Iterator<TelemetryEvent> source(String id) {
        Iterator<TelemetryEvent> it = SOURCES.get(id);
        if (it == null) {
            throw new IllegalStateException("no in-process source " + id);
        }
        return it;
    }

    static String newSink() {
        String id = UUID.randomUUID().toString();
        SINKS.put(id, new ConcurrentLinkedQueue<>());
        return id;
    }

    static Queue<Object> sink(String id) {
        Queue<Object> q = SINKS.get(id);
        if (q == null) {
            throw new IllegalStateException("no in-process sink " + id);
        }
        return q;
    }

    static void release(String... ids) {
        for (String id : ids) {
            SOURCES.remove(id);
            SINKS.remove(id);
        }
    }
}
