package io.fleetpulse.embedded.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), bound to
 * 127.0.0.1 only, with all data under a directory of the caller's choosing. Used by the local stack
 * (as its own JVM through {@link #main}) and by integration tests (in the test JVM).
 *
 * <p>Kafka's own {@code KafkaClusterTestKit} binds every interface, so this starts {@link
 * KafkaRaftServer} directly after formatting the storage with Kafka's {@link StorageTool}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private volatile boolean closed;
    private volatile boolean deleteOnClose;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port, int controllerPort) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and waits until it answers.
     *
     * @param port client port, 0 to pick a free one
     * @param controllerPort KRaft controller port, 0 to pick a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, Map.of());
    }

    /**
     * A broker on free ports in a new directory under {@code parentDir} that {@link #close()}
     * deletes: for tests.
     */
    public static EmbeddedKafka startEphemeral(Path parentDir) {
        try {
            Files.createDirectories(parentDir);
            EmbeddedKafka kafka = start(Files.createTempDirectory(parentDir, "kafka-"), 0, 0);
            kafka.deleteOnClose = true;
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a Kafka data directory in " + parentDir, e);
        }
    }

    /** As {@link #start(Path, int, int)}, with extra broker properties overriding the defaults. */
    public static EmbeddedKafka start(
            Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        try {
            Path dir = dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            int p = port == 0 ? freePort() : port;
            int c = controllerPort == 0 ? freePort() : controllerPort;
            Properties props = BrokerProperties.of(dir.resolve("logs"), p, c);
            overrides.forEach(props::setProperty);
            Path configFile = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                props.store(w, "FleetPulse embedded Kafka (generated on every start)");
            }
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(configFile);
            }
            KafkaRaftServer server =
                    new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, dir, p, c);
            kafka.awaitReady();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private static void format(Path configFile) {
        PrintStream quiet =
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int rc =
                StorageTool.execute(
                        new String[] {
                            "format",
                            "--ignore-formatted",
                            "--cluster-id",
                            Uuid.randomUuid().toString(),
                            "--config",
                            configFile.toString()
                        },
                        quiet);
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + rc + ")");
        }
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException(
                                "Kafka did not become ready within " + READY_TIMEOUT, e);
                    }
                }
                sleep(200);
            }
        }
    }

    /** {@code 127.0.0.1:port} for clients. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it; the data directory is kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A port that is free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * Runs the broker as its own JVM until SIGTERM: {@code --data-dir D --port P --controller-port
     * C}. Prints {@code READY bootstrap=127.0.0.1:P} once clients can connect.
     */
    public static void main(String[] args) {
        EmbeddedKafkaArgs a;
        try {
            a = EmbeddedKafkaArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("embedded-kafka: " + e.getMessage());
            System.err.println(EmbeddedKafkaArgs.USAGE);
            System.exit(2);
            return;
        }
        EmbeddedKafka kafka = start(a.dataDir(), a.port(), a.controllerPort());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-shutdown"));
        System.out.println("READY bootstrap=" + kafka.bootstrapServers());
        System.out.flush();
        kafka.server.awaitShutdown();
    }
}
