package io.fleetpulse.learner.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.learner.cli.EvalDetectionCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code fleet eval detection} end to end on a small simulated fleet: the simulator, the real
 * FeatureJob on a mini cluster, every detector, the report; then a replay of what it recorded.
 */
class EvalDetectionITCase {

    private static final Path WORK =
            Path.of(
                    System.getProperty("fleet.work.dir", "target"),
                    "test-eval",
                    UUID.randomUUID().toString());

    private static int run(PrintStream out, String... args) {
        PrintStream saved = System.out;
        System.setOut(out);
        try {
            return new CommandLine(new EvalDetectionCommand()).execute(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void simulatesRunsFeatureJobAndScoresEveryDetectorThenReplays() throws Exception {
        Path recorded = WORK.resolve("recorded");
        Path json = WORK.resolve("eval.json");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int exit =
                run(
                        new PrintStream(text, true, StandardCharsets.UTF_8),
                        "--vehicles",
                        "8",
                        "--duration",
                        "PT40M",
                        "--anomaly-rate",
                        "3",
                        "--cold-start-samples",
                        "500",
                        "--save",
                        recorded.toString(),
                        "--json",
                        json.toString());
        String out = text.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out)
                .contains("FleetPulse (models + rules) | ALL")
                .contains("FleetPulse models only | ALL")
                .contains("FleetPulse rules only | ALL")
                .contains("Random Cut Forest (margin")
                .contains("Random Cut Forest + rules (margin")
                .contains("Batch: daily per-vehicle aggregates | ALL");
        assertThat(Files.readString(json)).contains("\"bench\" : \"eval-detection\"");
        LabelledFeatures data = EvalInputs.replay(recorded);
        // 8 vehicles x 240 tumbling windows, plus the sliding ones.
        assertThat(data.vectors().size()).isGreaterThan(8 * 240);
        assertThat(data.labels()).isNotEmpty();
        assertThat(data.description()).contains("FeatureJob", "0 late");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(
                        run(
                                new PrintStream(again, true, StandardCharsets.UTF_8),
                                "--replay",
                                recorded.toString(),
                                "--no-rcf",
                                "--cold-start-samples",
                                "500"))
                .isZero();
        String replayed = again.toString(StandardCharsets.UTF_8);
        assertThat(replayed).contains("replayed from").doesNotContain("Random Cut Forest (margin");
        // The same vectors and settings give the same learner figures (all but the run time).
        assertThat(withoutRunTime(line(replayed, "FleetPulse (models + rules) | ALL")))
                .isEqualTo(withoutRunTime(line(out, "FleetPulse (models + rules) | ALL")));

        assertThat(run(new PrintStream(new ByteArrayOutputStream()), "--vehicles", "0"))
                .isEqualTo(2);
        assertThat(
                        run(
                                new PrintStream(new ByteArrayOutputStream()),
                                "--replay",
                                WORK.resolve("none").toString()))
                .isEqualTo(1);
    }

    private static String withoutRunTime(String row) {
        return row.replaceAll("\\s+\\S+$", "").replaceAll("\\s+", " ");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
