package io.fleetpulse.serving.cli;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.serving.ModelServing;
import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.serving.http.BearerAuth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet serve}: runs model-serving in the foreground until SIGTERM or Ctrl-C. Prints {@code
 * READY http://host:port} once the models topic has been read to its end (the stack launcher waits
 * for that line), and where the bearer token is when it generated one.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "Runs model-serving (HTTP predictions, model hot-swap, alert stream) in the"
                        + " foreground.")
public final class ServeCommand implements Callable<Integer> {

    /** The line printed when serving. */
    public static final String READY = "READY ";

    @Spec private CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = ServingSettings.DEFAULT_HOST,
            description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + ServingSettings.DEFAULT_PORT,
            description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--state-dir",
            defaultValue = "${sys:fleet.work.dir:-work}/serving",
            description =
                    "Where pins (and a generated token) are kept (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--token-file",
            description =
                    "File with bearer tokens, one per line (repeatable). Tokens also come from $"
                            + Tokens.ENV
                            + " (comma-separated); with neither, one is generated into"
                            + " STATE-DIR/token.")
    List<Path> tokenFiles = new ArrayList<>();

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Prefix of the topic names (tests; default: none).")
    String topicPrefix;

    @Option(
            names = "--keep",
            defaultValue = "5",
            description = "Versions kept in memory per model (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "" + ServingSettings.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(
            names = "--max-batch",
            defaultValue = "" + ServingSettings.DEFAULT_MAX_BATCH,
            description = "Most vectors per batch; more gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    /** Runs model-serving without the fleet CLI (the stack launches it as its own JVM so). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> tokens;
        try {
            tokens = Tokens.load(tokenFiles, System.getenv(Tokens.ENV));
            if (tokens.isEmpty()) {
                tokens = List.of(Tokens.generated(stateDir));
                out.println("bearer token in " + stateDir.resolve(Tokens.GENERATED_FILE));
            }
        } catch (IOException e) {
            err.println("error: cannot read tokens: " + e.getMessage());
            return 1;
        }
        ServingSettings settings;
        try {
            settings =
                    new ServingSettings(
                            host,
                            port,
                            bootstrap,
                            topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix),
                            stateDir,
                            new BearerAuth(tokens),
                            keep,
                            maxBodyBytes,
                            maxBatch,
                            ServingSettings.DEFAULT_MAX_ALERT_STREAMS,
                            ServingSettings.DEFAULT_STOP_TIMEOUT);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ModelServing serving;
        try {
            serving = ModelServing.start(settings, Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println("error: model-serving did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            serving.close();
                            stopped.countDown();
                        },
                        "serving-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("model-serving on " + serving.baseUri() + "; reading the models topic");
        out.flush();
        while (!serving.awaitCaughtUp(Duration.ofSeconds(10))) {
            out.println("still reading the models topic (is Kafka at " + bootstrap + "?)");
            out.flush();
        }
        out.println(READY + serving.baseUri());
        out.flush();
        stopped.await();
        return 0;
    }
}
