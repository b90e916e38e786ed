package io.fleetpulse.embedded.pinot.testing;

import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.embedded.pinot.PinotClusterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real local Pinot cluster (ZooKeeper, controller, broker, server as their
 * own JVMs, 127.0.0.1, free ports, small heaps) per test class, its data under the project's work
 * directory and deleted afterwards. Register it as a static field with {@code @RegisterExtension}.
 * Starting takes tens of seconds on a small machine, so share it across a class's tests.
 */
public final class PinotClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private PinotCluster cluster;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path parent = Path.of(System.getProperty("fleet.work.dir", "target"), "test-pinot");
        Files.createDirectories(parent);
        dir = Files.createTempDirectory(parent, "pinot-");
        cluster =
                PinotCluster.start(
                        PinotClusterConfig.ephemeral(dir),
                        line -> System.out.println("[test-pinot] " + line));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (dir != null) {
            deleteRecursively(dir);
            dir = null;
        }
    }

    public PinotCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Pinot cluster runs only inside the test class");
        }
        return cluster;
    }

    public String controllerUrl() {
        return cluster().controllerUrl();
    }

    public String brokerUrl() {
        return cluster().brokerUrl();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
