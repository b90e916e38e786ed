package io.fleetpulse.learner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AlertContribution;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code fleet alerts} against a real broker. */
class AlertsCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final AvroWire<Alert> WIRE = AvroWire.of(Alert.class);
    private static final long T0 = 1_767_225_600_000L;

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : List.of(out.strip().split("\\R"));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new AlertsCommand())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] args(Topics topics, String... more) {
        String[] base = {
            "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix()
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static Alert alert(String vehicle, String kind, String severity, String status, long t) {
        return Alert.newBuilder()
                .setAlertId(vehicle + "/" + kind + "/" + t)
                .setVehicleId(vehicle)
                .setDriverId("D")
                .setKind(kind)
                .setStatus(status)
                .setSeverity(severity)
                .setSource("RULE")
                .setStartTime(t)
                .setEndTime(status.equals("CLEARED") ? t + 30_000 : null)
                .setDetectedAt(t + 10_000)
                .setWindowKind("TUMBLING_10S")
                .setScore(112)
                .setThreshold(108)
                .setModel(null)
                .setModelVersion(3)
                .setExplanation(
                        List.of(
                                AlertContribution.newBuilder()
                                        .setFeature("coolantTempMax")
                                        .setValue(112)
                                        .setExpected(108.0)
                                        .setShare(1)
                                        .build()))
                .setMessage(kind + " on " + vehicle + ": 112, limit 108")
                .setEmittedAt(T0)
                .build();
    }

    private static void send(Topics topics, Alert... alerts) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : alerts) {
                producer.send(
                                new ProducerRecord<>(
                                        topics.alerts().name(), a.getVehicleId(), WIRE.encode(a)))
                        .get();
            }
        }
    }

    @Test
    void printsReadableLinesOrJsonFilteredByVehicleKindAndSeverity() throws Exception {
        Topics topics = KAFKA.freshTopics();
        send(
                topics,
                alert("V1", "ENGINE_OVERHEATING", "CRITICAL", "OPEN", T0),
                alert("V2", "HARSH_BRAKING", "WARNING", "OPEN", T0),
                alert("V2", "MODEL_ANOMALY", "INFO", "OPEN", T0),
                alert("V1", "ENGINE_OVERHEATING", "CRITICAL", "CLEARED", T0));

        Run all = run(args(topics, "--from-beginning", "--until-idle", "1"));
        assertThat(all.exit()).isZero();
        assertThat(all.lines()).hasSize(4);
        // Partitions are keyed by vehicle: order holds per vehicle only.
        assertThat(all.lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "2026-01-01T00:00:10Z",
                                                "OPEN",
                                                "CRITICAL",
                                                "V1",
                                                "ENGINE_OVERHEATING",
                                                "limit 108"));
        assertThat(all.lines()).anySatisfy(l -> assertThat(l).contains("CLEARED", "00:00:30Z"));

        Run json =
                run(
                        args(
                                topics,
                                "--from-beginning",
                                "--until-idle",
                                "1",
                                "--json",
                                "-v",
                                "V2",
                                "--severity",
                                "WARNING"));
        assertThat(json.exit()).isZero();
        assertThat(json.lines())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l).startsWith("{").endsWith("}");
                            assertThat(l)
                                    .contains(
                                            "\"vehicleId\": \"V2\"",
                                            "\"kind\": \"HARSH_BRAKING\"",
                                            "\"endTime\": null",
                                            "\"feature\": \"coolantTempMax\"");
                        });

        Run kind =
                run(
                        args(
                                topics,
                                "--from-beginning",
                                "--until-idle",
                                "1",
                                "-k",
                                "engine_overheating"));
        assertThat(kind.lines()).hasSize(2).allMatch(l -> l.contains("V1"));
    }

    @Test
    void withoutFromBeginningOnlyNewAlertsAreShown() throws Exception {
        Topics topics = KAFKA.freshTopics();
        send(topics, alert("OLD", "GPS_JUMP", "WARNING", "OPEN", T0));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> following =
                CompletableFuture.supplyAsync(
                        () ->
                                new CommandLine(new AlertsCommand())
                                        .setOut(new PrintWriter(out))
                                        .setErr(new PrintWriter(err))
                                        .execute(args(topics, "--until-idle", "3")));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!err.toString().contains("new alerts only") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        send(topics, alert("NEW", "GPS_JUMP", "WARNING", "OPEN", T0 + 1_000));

        assertThat(following.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString().strip().split("\\R"))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("NEW"));
    }

    @Test
    void clearErrorsForAMissingTopicAnUnreachableBrokerAndBadUsage() {
        Run missing =
                run(
                        "--bootstrap-server",
                        KAFKA.bootstrapServers(),
                        "--topic-prefix",
                        "nope.",
                        "--until-idle",
                        "1");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("topic nope.fleet.alerts does not exist");

        Run unreachable =
                run(
                        "--bootstrap-server",
                        "127.0.0.1:1",
                        "--connect-timeout",
                        "2",
                        "--until-idle",
                        "1");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach Kafka at 127.0.0.1:1");

        assertThat(run("--severity", "LOUD").exit()).isEqualTo(2);
        assertThat(run("--until-idle", "0").exit()).isEqualTo(2);
    }
}
