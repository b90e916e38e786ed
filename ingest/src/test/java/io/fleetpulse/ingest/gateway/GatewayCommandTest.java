package io.fleetpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options, exit codes and the startup check of {@code fleet gateway} (no server started). */
class GatewayCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void defaultsMatchTheContract() {
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd).parseArgs();

        assertThat(cmd.host).isEqualTo("127.0.0.1");
        assertThat(cmd.port).isEqualTo(18088);
        assertThat(cmd.maxFuture).isEqualTo(Duration.ofMinutes(5));
        assertThat(cmd.maxAge).isEqualTo(Duration.ofDays(30));
        assertThat(cmd.maxBodyBytes).isEqualTo(GatewaySettings.DEFAULT_MAX_BODY_BYTES);
        assertThat(cmd.maxRecords).isEqualTo(GatewaySettings.DEFAULT_MAX_RECORDS);
        assertThat(cmd.topicPrefix).isEmpty();
    }

    @Test
    void bootstrapDefaultsToTheFleetBootstrapProperty() {
        String before = System.getProperty("fleet.bootstrap");
        System.setProperty("fleet.bootstrap", "127.0.0.1:29092");
        try {
            GatewayCommand cmd = new GatewayCommand();
            new CommandLine(cmd).parseArgs();
            assertThat(cmd.bootstrap).isEqualTo("127.0.0.1:29092");
        } finally {
            if (before == null) {
                System.clearProperty("fleet.bootstrap");
            } else {
                System.setProperty("fleet.bootstrap", before);
            }
        }
    }

    @Test
    void optionsAreRead() {
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--host",
                        "127.0.0.2",
                        "--port",
                        "0",
                        "--bootstrap-server",
                        "k:9",
                        "--max-body-bytes",
                        "1024",
                        "--max-records",
                        "7",
                        "--max-future",
                        "90s",
                        "--max-age",
                        "2h",
                        "--kafka-timeout",
                        "3s",
                        "--topic-prefix",
                        "x.");

        assertThat(cmd.host).isEqualTo("127.0.0.2");
        assertThat(cmd.port).isZero();
        assertThat(cmd.bootstrap).isEqualTo("k:9");
        assertThat(cmd.maxBodyBytes).isEqualTo(1024);
        assertThat(cmd.maxRecords).isEqualTo(7);
        assertThat(cmd.maxFuture).isEqualTo(Duration.ofSeconds(90));
        assertThat(cmd.maxAge).isEqualTo(Duration.ofHours(2));
        assertThat(cmd.kafkaTimeout).isEqualTo(Duration.ofSeconds(3));
        assertThat(cmd.topicPrefix).isEqualTo("x.");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("--max-future", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-future").contains("5m");
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("port");
        assertThat(run("--max-records", "0")).isEqualTo(2);
    }

    @Test
    void unreachableKafkaExitsWith1AndSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        int code =
                run(
                        "--port", "0",
                        "--bootstrap-server", "127.0.0.1:" + closedPort,
                        "--kafka-timeout", "2s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("127.0.0.1:" + closedPort).doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void helpGoesToStdout() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-server").contains("--max-body-bytes");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GatewayCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
