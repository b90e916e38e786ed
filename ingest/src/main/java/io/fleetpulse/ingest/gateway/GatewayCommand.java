package io.fleetpulse.ingest.gateway;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet gateway}: runs the ingest gateway in the foreground until SIGTERM or Ctrl-C, then
 * stops gracefully (in-flight batches answered, producer flushed). Checks first that Kafka is
 * reachable and the raw and dead-letter topics exist, so a misconfiguration fails at once with a
 * clear message instead of as 503s later.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description =
                "Runs the device-facing ingest gateway (HTTP POST /v1/telemetry) in the foreground.")
public final class GatewayCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = GatewaySettings.DEFAULT_HOST,
            description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + GatewaySettings.DEFAULT_PORT,
            description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "" + GatewaySettings.DEFAULT_MAX_BODY_BYTES,
            description =
                    "Largest accepted request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(
            names = "--max-records",
            defaultValue = "" + GatewaySettings.DEFAULT_MAX_RECORDS,
            description = "Most records per batch; more gets 413 (default: ${DEFAULT-VALUE}).")
    int maxRecords;

    @Option(
            names = "--max-future",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description =
                    "How far ahead of this server's clock an eventTime may be (default: ${DEFAULT-VALUE}).")
    Duration maxFuture;

    @Option(
            names = "--max-age",
            defaultValue = "30d",
            converter = DurationConverter.class,
            description = "Oldest accepted eventTime, relative to now (default: ${DEFAULT-VALUE}).")
    Duration maxAge;

    @Option(
            names = "--kafka-timeout",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long a write may wait for Kafka before the request gets 503, and the"
                            + " startup check's limit (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Prefix of every topic name (tests, side-by-side stacks; default none).")
    String topicPrefix;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Runs the command on its own (the {@code fleet} CLI composes it as a subcommand instead). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewaySettings settings;
        try {
            settings =
                    new GatewaySettings(
                            host,
                            port,
                            maxBodyBytes,
                            maxRecords,
                            GatewaySettings.DEFAULT_STOP_TIMEOUT);
        } catch (IllegalArgumentException e) {
            err.println("fleet gateway: " + e.getMessage());
            return 2;
        }
        Topics topics = topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix);
        String problem = checkKafka(topics);
        if (problem != null) {
            err.println("fleet gateway: " + problem);
            return 1;
        }
        IngestGateway gateway;
        try {
            gateway =
                    IngestGateway.start(
                            settings,
                            new TelemetryValidator(Clock.systemUTC(), maxFuture, maxAge),
                            new KafkaTelemetrySink(bootstrap, topics, kafkaTimeout),
                            Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println(
                    "fleet gateway: cannot listen on " + host + ":" + port + ": " + rootMessage(e));
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Stopping the gateway (flushing to Kafka)...");
                                    out.flush();
                                    gateway.close();
                                    out.println("Gateway stopped.");
                                    out.flush();
                                    stopped.countDown();
                                },
                                "gateway-shutdown"));
        out.println(
                "Ingest gateway listening on "
                        + gateway.baseUri()
                        + "  (POST "
                        + IngestGateway.TELEMETRY_PATH
                        + ", GET "
                        + IngestGateway.HEALTH_PATH
                        + ", GET "
                        + IngestGateway.METRICS_PATH
                        + ")");
        out.println(
                "Writing to Kafka "
                        + bootstrap
                        + ": valid -> "
                        + topics.raw().name()
                        + ", rejected -> "
                        + topics.deadLetters().name());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
        }
        return 0;
    }

    /** Null when Kafka answers and both topics exist, else what is wrong. */
    String checkKafka(Topics topics) {
        List<TopicSpec<?, ?>> needed = List.of(topics.raw(), topics.deadLetters());
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) kafkaTimeout.toMillis(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) Math.min(kafkaTimeout.toMillis(), Integer.MAX_VALUE));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing =
                    admin.listTopics().names().get(kafkaTimeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicSpec<?, ?> t : needed) {
                if (!existing.contains(t.name())) {
                    return "topic "
                            + t.name()
                            + " does not exist at "
                            + bootstrap
                            + " (`fleet up` provisions every topic)";
                }
            }
            return null;
        } catch (TimeoutException e) {
            return "Kafka at "
                    + bootstrap
                    + " did not answer within "
                    + kafkaTimeout.toSeconds()
                    + " s";
        } catch (ExecutionException e) {
            return "cannot reach Kafka at " + bootstrap + ": " + rootMessage(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "bad Kafka settings: " + rootMessage(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
