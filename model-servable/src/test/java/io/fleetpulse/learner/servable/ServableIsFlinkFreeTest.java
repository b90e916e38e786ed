package io.fleetpulse.learner.servable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * model-serving reuses this package without Flink on its classpath, and predicts in plain Java
 * without a native engine; keep it that way.
 */
class ServableIsFlinkFreeTest {

    private static final Path SERVABLE = Path.of("src/main/java/io/fleetpulse/learner/servable");

    @Test
    void noServableSourceImportsFlink() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SERVABLE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readString(source))
                    .as(source.toString())
                    .doesNotContain("org.apache.flink")
                    .doesNotContain("ai.djl");
        }
    }
}
