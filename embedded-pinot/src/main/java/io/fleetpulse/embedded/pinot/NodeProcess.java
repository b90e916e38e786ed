package io.fleetpulse.embedded.pinot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts one Pinot node as its own JVM with Pinot's classpath, and stops it by process id. The
 * command line carries {@code -Dfleet.pinot.dir=<cluster dir>} so that a later JVM can check that a
 * recorded process id still belongs to this cluster before it signals it.
 */
final class NodeProcess {

    /** System property on every node's command line naming its cluster directory. */
    static final String DIR_PROPERTY = "fleet.pinot.dir";

    /** Patched QueryServer's bind host property (see the plugin jar). */
    static final String NETTY_BIND_PROPERTY = "fleet.pinot.server.netty.bind.host";

    private static final String SETSID = "/usr/bin/setsid";

    private NodeProcess() {}

    /** Starts {@code node}; its console output is appended to the node's {@code .out} file. */
    static ProcessHandle start(
            PinotNode node, PinotClusterConfig config, ClusterLayout layout, PinotRuntime runtime) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of(SETSID))) {
            // Own session: a Ctrl-C in the terminal that ran `fleet up` does not reach Pinot.
            cmd.add(SETSID);
        }
        cmd.add(PinotRuntime.javaExecutable().toString());
        cmd.add("-D" + DIR_PROPERTY + "=" + layout.dir());
        cmd.add("-Xmx" + heap(node, config.heaps()));
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.io.tmpdir=" + layout.tmpDir());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + layout.log4jConfig().toUri());
        cmd.add("-Dfleet.pinot.logs=" + layout.logsDir());
        cmd.add("-Dfleet.pinot.node=" + node.id());
        switch (node) {
            case ZOOKEEPER -> cmd.add("-Dzookeeper.admin.enableServer=false");
            case SERVER -> cmd.add("-D" + NETTY_BIND_PROPERTY + "=" + PinotClusterConfig.HOST);
            default -> {}
        }
        if (node != PinotNode.ZOOKEEPER) {
            cmd.addAll(PinotRuntime.JAVA_17_OPTIONS);
        }
        cmd.add("-cp");
        cmd.add(runtime.classpath());
        cmd.add(node.mainClass());
        cmd.addAll(node.arguments(layout.confDir()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(layout.dir().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(layout.consoleLog(node).toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            return pb.start().toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the Pinot " + node.id() + ": " + e.getMessage(), e);
        }
    }

    /** The live process {@code pid} if its command line names {@code clusterDir}. */
    static Optional<ProcessHandle> findOurs(long pid, Path clusterDir) {
        String marker = "-D" + DIR_PROPERTY + "=" + clusterDir;
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> arguments(p).contains(marker));
    }

    /**
     * The process's arguments: from {@code /proc/<pid>/cmdline} where there is one (the JDK's
     * {@code ProcessHandle.Info} gives none for command lines as long as Pinot's classpath makes
     * them), else from the JDK.
     */
    private static List<String> arguments(ProcessHandle p) {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return List.of(Files.readString(cmdline).split("\0"));
            }
        } catch (IOException e) {
            // fall through to the JDK's view
        }
        return p.info().arguments().map(List::of).orElse(List.of());
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL).
     *
     * @return true if it had to be killed
     */
    static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception timeoutOrInterrupt) {
            if (timeoutOrInterrupt instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // reported by the caller through isAlive()
            }
            return true;
        }
    }

    private static String heap(PinotNode node, PinotClusterConfig.Heaps heaps) {
        return switch (node) {
            case ZOOKEEPER -> heaps.zookeeper();
            case CONTROLLER -> heaps.controller();
            case BROKER -> heaps.broker();
            case SERVER -> heaps.server();
        };
    }
}
