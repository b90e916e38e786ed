package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.embedded.pinot.PinotCluster;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.observe.PinotProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pinot in the local stack as a user meets it: {@code fleet up} starts it (own JVMs) and applies
 * the tables, {@code fleet status} shows it, {@code fleet query} finds its broker through the
 * stack, {@code fleet down} stops every Pinot JVM; and when Pinot cannot start (a port taken) the
 * reason is reported and Kafka runs on. Kafka and Pinot only (no gateway, no FeatureJob), on free
 * ports, in a test-only work directory.
 */
class PinotStackITCase {

    @RegisterExtension final TestStack stack = new TestStack();

    @Test
    void upStartsPinotAndAppliesTheTablesQueryFindsItAndDownStopsEveryPinotJvm() {
        int[] pinotPorts = stack.usePinotPorts();

        FleetRun up = fleet(upArgs());

        assertThat(up.rc()).as(up.out() + up.err()).isZero();
        assertThat(up.out())
                .contains("table telemetry: created", "table vehicle_features: created")
                .contains("table alerts: created");
        assertThat(StackState.load(stack.layout()).components())
                .extracting(ComponentState::name)
                .containsExactly(StackManager.KAFKA, PinotComponent.NAME);
        List<Long> pinotPids =
                List.copyOf(PinotCluster.find(stack.pinotDir()).orElseThrow().pids().values());
        assertThat(pinotPids).hasSize(4).allMatch(Processes::isAlive);

        FleetRun status = fleet("status");
        assertThat(status.out())
                .contains(PinotComponent.NAME, "127.0.0.1:" + pinotPorts[1])
                .contains("pinot table", "telemetry", "vehicle_features", "alerts");

        FleetCli.pointAtRunningStack(stack.manager());
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
        int[] pinotPorts = stack.usePinotPorts();
        try (ServerSocket taken =
                new ServerSocket(pinotPorts[1], 1, InetAddress.getByName(Ports.HOST))) {

            FleetRun up = fleet(upArgs());

            assertThat(up.rc()).as(up.out() + up.err()).isZero();
            assertThat(up.out())
                    .contains("pinot did not start", "PORT_TAKEN", Integer.toString(pinotPorts[1]))
                    .contains("the rest of the stack runs without it");
            assertThat(StackState.load(stack.layout()).components())
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

    private FleetRun fleet(String... args) {
        return stack.fleet(args);
    }
}
