package io.fleetpulse.ingest.replay;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fleet replay FILE.csv}: loads recorded telemetry from a CSV file into the raw topic at a
 * chosen speed-up, so real drives flow through the pipeline. The work is done by {@link
 * CsvTelemetryReader} and {@link TelemetryReplayer}; this class only parses options and reports.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a CSV file of telemetry into the raw topic, keeping the recorded timing.",
            "The header maps columns to fields by Avro field name (case-insensitive); empty cells"
                    + " are missing readings. Rows breaking the contract go to the dead-letter"
                    + " topic with their reasons; unknown columns and unparsable cells are reported."
        })
public final class ReplayCommand implements Callable<Integer> {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV file with a header line")
    Path file;

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description =
                    "Kafka bootstrap servers (default: the running local stack, ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(
            names = "--speedup",
            defaultValue = "1",
            paramLabel = "N|max",
            description =
                    "Replay N times faster than recorded, or 'max' for as fast as possible"
                            + " (default ${DEFAULT-VALUE})")
    String speedup;

    @Option(names = "--id-column", defaultValue = "vehicleId", description = "Vehicle id column")
    String idColumn;

    @Option(names = "--time-column", defaultValue = "eventTime", description = "Event time column")
    String timeColumn;

    @Option(
            names = "--driver-column",
            defaultValue = "driverId",
            description = "Driver id column (optional in the file, see --default-driver)")
    String driverColumn;

    @Option(
            names = "--seq-column",
            defaultValue = "seq",
            description =
                    "Sequence number column (optional; without it rows are numbered per"
                            + " vehicle in file order)")
    String seqColumn;

    @Option(
            names = "--default-driver",
            defaultValue = "unknown",
            description = "Driver id when the file has no driver column (default ${DEFAULT-VALUE})")
    String defaultDriver;

    @Option(
            names = "--time-format",
            defaultValue = "auto",
            description = "auto (integer = epoch ms, else ISO-8601), epoch-ms, epoch-s, iso")
    String timeFormat;

    @Option(
            names = "--map",
            paramLabel = "COLUMN=FIELD",
            description = "Maps a column to an Avro field, e.g. --map speed=speedKmh (repeatable)")
    Map<String, String> renames = new LinkedHashMap<>();

    @Option(
            names = "--ignore",
            paramLabel = "COLUMN",
            split = ",",
            description = "Columns to skip without reporting them (repeatable)")
    List<String> ignored = List.of();

    @Option(
            names = "--missing-token",
            paramLabel = "TOKEN",
            description =
                    "Cell values meaning 'no reading' besides the empty cell, e.g. NA"
                            + " (repeatable)")
    List<String> missingTokens = List.of();

    @Option(
            names = "--delimiter",
            defaultValue = ",",
            description = "Cell delimiter, one character or 'tab' (default '${DEFAULT-VALUE}')")
    String delimiter;

    @Option(
            names = "--rebase-time",
            description = "Shift all event times by one offset so the first event is now")
    boolean rebaseTime;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Prefix of the topic names (for tests and side-by-side runs)")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        TelemetryReplayer.Settings replaySettings;
        CsvTelemetryReader.Settings csvSettings;
        try {
            replaySettings =
                    new TelemetryReplayer.Settings(
                            parseSpeedup(speedup), rebaseTime, PROGRESS_EVERY);
            csvSettings =
                    new CsvTelemetryReader.Settings(
                            parseDelimiter(delimiter),
                            parseTimeFormat(timeFormat),
                            new LinkedHashSet<>(missingTokens),
                            defaultDriver);
        } catch (IllegalArgumentException e) {
            err.println("fleet replay: " + e.getMessage());
            return 2;
        }
        CsvColumnMapping.Spec spec =
                new CsvColumnMapping.Spec(
                        idColumn,
                        driverColumn,
                        timeColumn,
                        seqColumn,
                        renames,
                        Set.copyOf(ignored));
        Topics topics = topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvTelemetryReader reader = new CsvTelemetryReader(in, spec, csvSettings);
            describe(out, reader.mapping(), topics, replaySettings.speedup());
            try (KafkaReplaySink sink = KafkaReplaySink.connect(bootstrap, topics)) {
                return run(reader, sink, replaySettings, out);
            }
        } catch (NoSuchFileException e) {
            err.println("fleet replay: no such file: " + file);
            return 2;
        } catch (IOException e) {
            err.println("fleet replay: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("fleet replay: " + file + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("fleet replay: " + e.getMessage());
            return 1;
        }
    }

    private int run(
            CsvTelemetryReader reader,
            KafkaReplaySink sink,
            TelemetryReplayer.Settings settings,
            PrintStream out)
            throws InterruptedException {
        TelemetryReplayer replayer =
                new TelemetryReplayer(sink, TelemetryValidator.ignoringTime(), settings, out);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            replayer.stop();
                            try {
                                done.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        try {
            ReplayStats stats = replayer.replay(reader);
            if (replayer.stopped()) {
                out.println("replay stopped before the end of the file (interrupted)");
            }
            stats.print(out, sink, Duration.ofNanos(System.nanoTime() - start));
            return sink.failures() == 0 ? 0 : 1;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for done
            }
        }
    }

    private void describe(
            PrintStream out, CsvColumnMapping mapping, Topics topics, double speedupFactor) {
        out.printf(
                "replay %s -> %s on %s, %s%n",
                file,
                topics.raw().name(),
                bootstrap,
                Double.isInfinite(speedupFactor) ? "as fast as possible" : "speed-up x" + speedup);
        StringBuilder cols = new StringBuilder("  columns:");
        for (CsvColumnMapping.Column c : mapping.columns()) {
            String field = c.field();
            cols.append(' ')
                    .append(c.name())
                    .append(
                            field == null
                                    ? "(" + c.role().name().toLowerCase(Locale.ROOT) + ")"
                                    : field.equals(c.name()) ? "" : "->" + field);
        }
        out.println(cols);
        if (!mapping.unknownColumns().isEmpty()) {
            out.println(
                    "  unknown columns, reported and not sent: "
                            + mapping.unknownColumns().stream().map(c -> c.name()).toList());
        }
    }

    static double parseSpeedup(String s) {
        if (s.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(s);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--speedup must be a number > 0 or 'max', not '" + s + "'");
    }

    static char parseDelimiter(String s) {
        if (s.equalsIgnoreCase("tab") || s.equals("\\t")) {
            return '\t';
        }
        if (s.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab'");
        }
        return s.charAt(0);
    }

    static EventTimeFormat parseTimeFormat(String s) {
        try {
            return EventTimeFormat.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--time-format must be auto, epoch-ms, epoch-s or iso, not '" + s + "'");
        }
    }
}
