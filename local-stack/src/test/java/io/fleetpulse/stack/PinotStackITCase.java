package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.observe.PinotProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pinot in the local stack as a user meets it: {@code fleet up} starts it (own JVMs) and applies
 * the tables, {@code fleet status} shows it, {@code fleet query} finds its broker through the
 * stack, {@code fleet down} stops every Pinot JVM; and when Pinot cannot start (a port taken) the
 * reason is reported and Kafka runs on. Kafka and Pinot only (no gateway, no FeatureJob), on free
 * ports, in a test-only work directory.
 */
class PinotStackITCase {

    private StackLayout layout;
    private String classpath;

    @BeforeEach
    void setUp() throws IOException {
        Path work = Path.of(System.getProperty("fleet.work.dir", "target"));
        layout = new StackLayout(work.resolve("test-stack").resolve(UUID.randomUUID().toString()));
        classpath = StackLifecycleITCase.packagedClasspath();
    }

    @AfterEach
    void tearDown() throws IOException {
        System.clearProperty(PinotComponent.PORTS_PROPERTY);
        System.clearProperty(FleetCli.BOOTSTRAP_PROPERTY);
        System.clearProperty(FleetCli.PINOT_CONTROLLER_PROPERTY);
        System.clearProperty(FleetCli.PINOT_BROKER_PROPERTY);
        new StackManager(layout, new JvmLauncher(layout, classpath))
                .stop(
                        StackState.load(layout).components(),
                        new PrintStream(OutputStream.nullOutputStream()));
        PinotCluster.stop(pinotDir());
        if (Files.exists(layout.workDir())) {
            try (Stream<Path> paths = Files.walk(layout.workDir())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void upStartsPinotAndAppliesTheTablesQueryFindsItAndDownStopsEveryPinotJvm() {
        int[] pinotPorts = freePorts(5);
        System.setProperty(PinotComponent.PORTS_PROPERTY, join(pinotPorts));

        FleetRun up = fleet(upArgs());

        assertThat(up.rc()).as(up.out() + up.err()).isZero();
        assertThat(up.out())
                .contains("table telemetry: created", "table vehicle_features: created")
                .contains("table alerts: created");
        assertThat(StackState.load(layout).components())
                .extracting(ComponentState::name)
                .containsExactly(StackManager.KAFKA, PinotComponent.NAME);
        List<Long> pinotPids =
                List.copyOf(PinotCluster.find(pinotDir()).orElseThrow().pids().values());
        assertThat(pinotPids).hasSize(4).allMatch(Processes::isAlive);

        FleetRun status = fleet("status");
        assertThat(status.out())
                .contains(PinotComponent.NAME, "127.0.0.1:" + pinotPorts[1])
                .contains("pinot table", "telemetry", "vehicle_features", "alerts");

        FleetCli.pointAtRunningStack(new StackManager(layout, new JvmLauncher(layout, classpath)));
        assertThat(System.getProperty(FleetCli.PINOT_BROKER_PROPERTY))
                .isEqualTo("http://127.0.0.1:" + pinotPorts[2]);
        // The demo console's probe (the JDK client) gets an answer: the broker hangs on an
        // HTTP/2 upgrade request, so a probe that offered one timed out on every reading.
        PinotProbe.Reading reading = new PinotProbe("http://127.0.0.1:" + pinotPorts[2]).read();
        assertThat(reading.error()).isNull();
        assertThat(reading.brokerMillis()).isNotNegative();
        FleetRun query = fleet("query", "SELECT COUNT(*) FROM telemetry");
        assertThat(query.rc()).as(query.out() + query.err()).isZero();
        assertThat(query.out()).contains("rows in");
        FleetRun badSql = fleet("query", "SELEC nothing FROM telemetry");
        assertThat(badSql.rc()).isEqualTo(1);
        assertThat(badSql.err()).contains("SQLParsingError").doesNotContain("\tat ");

        FleetRun down = fleet("down");
        assertThat(down.rc()).as(down.out() + down.err()).isZero();
        assertThat(pinotPids).noneMatch(Processes::isAlive);
        assertThat(IntStream.of(pinotPorts)).allMatch(Ports::isFree);
    }

    @Test
    void whenPinotCannotStartTheReasonIsShownAndKafkaRunsOn() throws IOException {
        int[] pinotPorts = freePorts(5);
        System.setProperty(PinotComponent.PORTS_PROPERTY, join(pinotPorts));
        try (ServerSocket taken =
                new ServerSocket(pinotPorts[1], 1, InetAddress.getByName(Ports.HOST))) {

            FleetRun up = fleet(upArgs());

            assertThat(up.rc()).as(up.out() + up.err()).isZero();
            assertThat(up.out())
                    .contains("pinot did not start", "PORT_TAKEN", Integer.toString(pinotPorts[1]))
                    .contains("the rest of the stack runs without it");
            assertThat(StackState.load(layout).components())
                    .extracting(ComponentState::name)
                    .containsExactly(StackManager.KAFKA);
        }
        assertThat(fleet("down").rc()).isZero();
    }

    private String[] upArgs() {
        return new String[] {
            "up",
            "--no-gateway",
            "--no-feature-job",
            "--no-learner",
            "--no-model-serving",
            "--kafka-port",
            Integer.toString(Ports.freePort()),
            "--controller-port",
            Integer.toString(Ports.freePort()),
            "--retention-bytes",
            "16MiB"
        };
    }

    private Path pinotDir() {
        return layout.workDir().resolve("stack").resolve("data").resolve(PinotComponent.NAME);
    }

    private static int[] freePorts(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            do {
                out[i] = Ports.freePort();
            } while (contains(out, i, out[i]));
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

    private static String join(int[] ports) {
        return IntStream.of(ports).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private FleetRun fleet(String... args) {
        return FleetRun.of(layout, classpath, args);
    }
}
