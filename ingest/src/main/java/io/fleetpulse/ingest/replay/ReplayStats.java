package io.fleetpulse.ingest.replay;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay did: rows read, events sent, dead letters by reason, and every cell that did not
 * make it into an event, counted per kind and column with the first few examples. Printed as the
 * replay's summary so nothing is dropped without the user seeing it.
 */
public final class ReplayStats {

    /** Examples kept per kind of cell problem and per rejection reason. */
    public static final int EXAMPLES = 5;

    private long rowsRead;
    private long rowsValid;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, List<String>> rejectExamples =
            new EnumMap<>(RejectReason.class);
    private final Map<CellProblem.Kind, Map<String, Long>> problemsByColumn =
            new EnumMap<>(CellProblem.Kind.class);
    private final Map<CellProblem.Kind, List<CellProblem>> problemExamples =
            new EnumMap<>(CellProblem.Kind.class);
    private List<String> unknownColumns = List.of();
    private List<Sensor> absentSensors = List.of();
    private long firstEventTime = Long.MAX_VALUE;
    private long lastEventTime = Long.MIN_VALUE;

    void mapping(CsvColumnMapping mapping) {
        unknownColumns = mapping.unknownColumns().stream().map(c -> c.name()).toList();
        absentSensors = mapping.absentSensors();
    }

    void row(CsvRow row) {
        rowsRead++;
        for (CellProblem p : row.problems()) {
            problemsByColumn
                    .computeIfAbsent(p.kind(), k -> new TreeMap<>())
                    .merge(p.column(), 1L, Long::sum);
            List<CellProblem> examples =
                    problemExamples.computeIfAbsent(p.kind(), k -> new ArrayList<>());
            if (examples.size() < EXAMPLES) {
                examples.add(p);
            }
        }
    }

    void valid(long eventTime) {
        rowsValid++;
        firstEventTime = Math.min(firstEventTime, eventTime);
        lastEventTime = Math.max(lastEventTime, eventTime);
    }

    void rejected(RejectReason reason, String detail) {
        rejected.merge(reason, 1L, Long::sum);
        List<String> examples = rejectExamples.computeIfAbsent(reason, k -> new ArrayList<>());
        if (examples.size() < EXAMPLES) {
            examples.add(detail);
        }
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** Rows that passed parsing and validation (sent to the raw topic). */
    public long rowsValid() {
        return rowsValid;
    }

    /** Rows sent to the dead-letter topic. */
    public long rowsRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dead-lettered rows per first reason. */
    public Map<RejectReason, Long> rejectedByReason() {
        return Map.copyOf(rejected);
    }

    /** Cell problems of {@code kind} per column name. */
    public Map<String, Long> problems(CellProblem.Kind kind) {
        return Map.copyOf(problemsByColumn.getOrDefault(kind, Map.of()));
    }

    /** The first {@value #EXAMPLES} cell problems of {@code kind}. */
    public List<CellProblem> problemExamples(CellProblem.Kind kind) {
        return List.copyOf(problemExamples.getOrDefault(kind, List.of()));
    }

    public List<String> unknownColumns() {
        return unknownColumns;
    }

    /** Prints the summary; {@code acked}/{@code failures} come from the sink after its flush. */
    public void print(PrintStream out, ReplaySink sink, Duration took) {
        out.printf(
                "replay done in %.1f s: %,d rows read, %,d valid, %,d dead letters%n",
                took.toMillis() / 1000.0, rowsRead, rowsValid, rowsRejected());
        out.printf(
                "  acknowledged by Kafka: %,d events (raw topic), %,d dead letters, %,d failed%n",
                sink.eventsAcked(), sink.deadLettersAcked(), sink.failures());
        if (sink.failures() > 0) {
            out.println("  first send failure: " + sink.firstFailure());
        }
        if (rowsValid > 0) {
            out.println(
                    "  event times "
                            + Instant.ofEpochMilli(firstEventTime)
                            + " .. "
                            + Instant.ofEpochMilli(lastEventTime));
        }
        rejected.forEach(
                (reason, n) -> {
                    out.printf("  dead letters %s: %,d, e.g.%n", reason, n);
                    rejectExamples.get(reason).forEach(d -> out.println("    " + d));
                });
        if (!unknownColumns.isEmpty()) {
            out.println(
                    "  unknown columns (not sent, map with --map COL=FIELD): " + unknownColumns);
        }
        for (CellProblem.Kind kind : CellProblem.Kind.values()) {
            Map<String, Long> byColumn = problemsByColumn.get(kind);
            if (byColumn != null) {
                long total = byColumn.values().stream().mapToLong(Long::longValue).sum();
                out.printf("  %s cells: %,d %s, e.g.%n", kind, total, byColumn);
                problemExamples.get(kind).forEach(p -> out.println("    " + p));
            }
        }
        if (!absentSensors.isEmpty() && rowsRead > 0) {
            out.println(
                    "  sensors with no column (always missing): "
                            + absentSensors.stream().map(Sensor::field).toList());
        }
    }
}
