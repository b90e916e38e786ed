package io.fleetpulse.pinot.bench;

import io.fleetpulse.pinot.PinotBrokerClient;
import io.fleetpulse.pinot.PinotException;
import io.fleetpulse.pinot.QueryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs the named queries one after another, round robin, for a given time, and records each query's
 * latency as the client sees it (request to parsed answer) after a few warm-up runs.
 */
final class QueryLoop {

    /** One query to measure: its name and rendered SQL. */
    record Query(String name, String sql) {}

    /** Figures of one query. */
    static final class Stats {
        final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        final Histogram pinotMillis = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
        long rows;
        long docsScanned;
        long totalDocs;
        long errors;
        String lastError;
    }

    private static final int WARM_UP_RUNS = 3;

    private final PinotBrokerClient broker;
    private final List<Query> queries;

    QueryLoop(PinotBrokerClient broker, List<Query> queries) {
        this.broker = broker;
        this.queries = queries;
    }

    /** Runs until {@code seconds} have passed (at least one measured run per query). */
    Map<String, Stats> run(double seconds) {
        Map<String, Stats> stats = new LinkedHashMap<>();
        queries.forEach(q -> stats.put(q.name(), new Stats()));
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            for (Query q : queries) {
                runOnce(q, null);
            }
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            for (Query q : queries) {
                runOnce(q, stats.get(q.name()));
            }
        } while (System.nanoTime() < end);
        return stats;
    }

    private void runOnce(Query q, Stats s) {
        try {
            QueryResult r = broker.query(q.sql());
            if (s != null) {
                s.latencyMicros.recordValue(Math.max(1, (long) (r.roundTripMs() * 1000)));
                s.pinotMillis.recordValue(r.pinotTimeMs());
                s.rows = r.rows().size();
                s.docsScanned = r.docsScanned();
                s.totalDocs = r.totalDocs();
            }
        } catch (PinotException e) {
            if (s != null) {
                s.errors++;
                s.lastError = e.getMessage();
            }
        }
    }
}
