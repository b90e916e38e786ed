package io.fleetpulse.stack;

import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.stack.component.PinotComponent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stack for each test (a JUnit extension: {@code @RegisterExtension final TestStack stack =
 * new TestStack();}): a fresh work directory under {@code target/test-stack}, the packaged
 * classpath {@code ./fleet} uses, {@code fleet} commands run in this JVM; after each test it stops
 * every recorded component by PID (with the ownership check) and every Pinot JVM, clears the system
 * properties the stack commands set, and deletes the directory — also when the test failed half
 * way.
 */
public final class TestStack implements BeforeEachCallback, AfterEachCallback {

    private StackLayout layout;
    private String classpath;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path work = Path.of(System.getProperty("fleet.work.dir", "target"));
        layout = new StackLayout(work.resolve("test-stack").resolve(UUID.randomUUID().toString()));
        classpath = packagedClasspath();
    }

    /** The classpath the fleet script uses: this module's jar plus the generated classpath file. */
    static String packagedClasspath() throws IOException {
        Path target = Path.of(System.getProperty("fleet.module.target", "target"));
        try (Stream<Path> files = Files.list(target)) {
            Path jar =
                    files.filter(p -> p.getFileName().toString().matches("local-stack-.*\\.jar"))
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalStateException("no module jar in " + target));
            return jar + ":" + Files.readString(target.resolve("fleet.classpath")).strip();
        }
    }

    StackLayout layout() {
        return layout;
    }

    String classpath() {
        return classpath;
    }

    StackManager manager() {
        return new StackManager(layout, new JvmLauncher(layout, classpath));
    }

    /** Runs one {@code fleet} command against this stack's work directory. */
    FleetRun fleet(String... args) {
        return FleetRun.of(layout, classpath, args);
    }

    /** Where the stack's Pinot keeps its data (and the PIDs of its JVMs). */
    Path pinotDir() {
        return layout.workDir().resolve("stack").resolve("data").resolve(PinotComponent.NAME);
    }

    /**
     * Gives the stack's Pinot five free ports (ZooKeeper, controller, broker, server, server admin)
     * instead of its defaults, and returns them.
     */
    int[] usePinotPorts() {
        int[] ports = freePorts(5);
        System.setProperty(
                PinotComponent.PORTS_PROPERTY,
                IntStream.of(ports).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        return ports;
    }

    /** {@code n} distinct free ports on 127.0.0.1. */
    static int[] freePorts(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int candidate;
            do {
                candidate = Ports.freePort();
            } while (contains(out, i, candidate));
            out[i] = candidate;
        }
        return out;
    }

    private static boolean contains(int[] ports, int before, int port) {
        for (int i = 0; i < before; i++) {
            if (ports[i] == port) {
                return true;
            }
        }
        return false;
    }

    /** Live processes whose command line names {@code dir} (our JVMs carry the work directory). */
    public static List<Long> processesUsing(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .filter(
                        pid ->
                                Processes.commandLine(pid)
                                        .map(c -> c.contains(dir.toString()))
                                        .orElse(false))
                .toList();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.clearProperty(PinotComponent.PORTS_PROPERTY);
        System.clearProperty(FleetCli.BOOTSTRAP_PROPERTY);
        System.clearProperty(FleetCli.PINOT_CONTROLLER_PROPERTY);
        System.clearProperty(FleetCli.PINOT_BROKER_PROPERTY);
        try {
            manager()
                    .stop(
                            StackState.load(layout).components(),
                            new PrintStream(OutputStream.nullOutputStream()));
        } finally {
            PinotCluster.stop(pinotDir());
            if (Files.exists(layout.workDir())) {
                try (Stream<Path> paths = Files.walk(layout.workDir())) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
