package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryReplayerTest {

    /** A sink that keeps what it gets, acknowledging at once. */
    static final class CollectingSink implements ReplaySink {
        final List<TelemetryEvent> events = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public void send(TelemetryEvent event) {
            events.add(TelemetryEvent.newBuilder(event).build());
        }

        @Override
        public void deadLetter(String key, DeadLetter deadLetter) {
            deadLetters.add(deadLetter);
        }

        @Override
        public void flush() {}

        @Override
        public long eventsAcked() {
            return events.size();
        }

        @Override
        public long deadLettersAcked() {
            return deadLetters.size();
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public String firstFailure() {
            return null;
        }

        @Override
        public void close() {}
    }

    private static final long OLD = Instant.parse("2019-01-01T00:00:00Z").toEpochMilli();
    private static final String CSV =
            "vehicleId,driverId,eventTime,speedKmh,coolantTempC\n"
                    + "v1,d1,"
                    + OLD
                    + ",50,90\n"
                    + "v1,d1,"
                    + (OLD + 1000)
                    + ",999,90\n"
                    + ",d1,"
                    + (OLD + 2000)
                    + ",50,90\n"
                    + "v2,d2,"
                    + (OLD + 3000)
                    + ",oops,\n"
                    + "v2,d2,"
                    + (OLD + 4000)
                    + ",60,\n";

    private static ReplayStats replay(CollectingSink sink, boolean rebase, String csv)
            throws Exception {
        CsvTelemetryReader reader =
                new CsvTelemetryReader(
                        new BufferedReader(new StringReader(csv)),
                        CsvColumnMapping.Spec.defaults(),
                        CsvTelemetryReader.Settings.defaults());
        TelemetryReplayer replayer =
                new TelemetryReplayer(
                        sink,
                        TelemetryValidator.ignoringTime(),
                        new TelemetryReplayer.Settings(
                                Double.POSITIVE_INFINITY, rebase, Duration.ofSeconds(5)),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return replayer.replay(reader);
    }

    @Test
    void oldValidRowsAreSentAndInvalidOnesDeadLetteredWithReasonAndOriginalLine() throws Exception {
        CollectingSink sink = new CollectingSink();
        ReplayStats stats = replay(sink, false, CSV);

        assertThat(sink.events)
                .extracting(TelemetryEvent::getEventTime)
                .containsExactly(OLD, OLD + 4000);
        assertThat(sink.events.get(1).getCoolantTempC()).isNull();
        assertThat(sink.deadLetters)
                .extracting(DeadLetter::getReasonCode)
                .containsExactly("OUT_OF_RANGE", "MISSING_ID", "WRONG_TYPE");
        DeadLetter outOfRange = sink.deadLetters.get(0);
        assertThat(outOfRange.getStage()).isEqualTo("replay");
        assertThat(outOfRange.getContentType()).isEqualTo("text/csv");
        assertThat(outOfRange.getVehicleId()).isEqualTo("v1");
        assertThat(outOfRange.getDetail()).startsWith("line 3: ").contains("speedKmh");
        assertThat(StandardCharsets.UTF_8.decode(outOfRange.getPayload()).toString())
                .isEqualTo("v1,d1," + (OLD + 1000) + ",999,90");
        assertThat(sink.deadLetters.get(1).getVehicleId()).isNull();

        assertThat(stats.rowsRead()).isEqualTo(5);
        assertThat(stats.rowsValid()).isEqualTo(2);
        assertThat(stats.rejectedByReason())
                .containsEntry(RejectReason.OUT_OF_RANGE, 1L)
                .containsEntry(RejectReason.MISSING_ID, 1L)
                .containsEntry(RejectReason.WRONG_TYPE, 1L);
        assertThat(stats.problems(CellProblem.Kind.UNPARSABLE)).containsEntry("speedKmh", 1L);
        assertThat(stats.problemExamples(CellProblem.Kind.UNPARSABLE))
                .containsExactly(
                        new CellProblem(CellProblem.Kind.UNPARSABLE, 5, "speedKmh", "oops"));
    }

    @Test
    void rebaseTimeShiftsAllEventsByOneOffsetKeepingTheirSpacing() throws Exception {
        CollectingSink sink = new CollectingSink();
        long before = System.currentTimeMillis();
        replay(sink, true, CSV);
        long first = sink.events.get(0).getEventTime();
        assertThat(first).isBetween(before, System.currentTimeMillis());
        assertThat(sink.events.get(1).getEventTime() - first).isEqualTo(4000);
    }

    @Test
    void summaryNamesUnknownColumnsAndExamples() throws Exception {
        CollectingSink sink = new CollectingSink();
        ReplayStats stats =
                replay(sink, false, "vehicleId,eventTime,gear\nv," + OLD + ",3\nv," + OLD + ",\n");
        assertThat(stats.unknownColumns()).containsExactly("gear");
        assertThat(stats.problems(CellProblem.Kind.UNKNOWN_COLUMN)).containsEntry("gear", 1L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stats.print(
                new PrintStream(out, true, StandardCharsets.UTF_8), sink, Duration.ofSeconds(1));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "unknown columns",
                        "[gear]",
                        "UNKNOWN_COLUMN cells: 1",
                        "line 2, column gear: '3'");
    }
}
