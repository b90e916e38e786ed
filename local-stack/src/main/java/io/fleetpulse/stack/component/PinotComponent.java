package io.fleetpulse.stack.component;

import io.fleetpulse.embedded.pinot.PinotClusterConfig;
import io.fleetpulse.embedded.pinot.PinotClusterMain;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.pinot.ApplyResult;
import io.fleetpulse.pinot.PinotApplier;
import io.fleetpulse.pinot.PinotConfigs;
import io.fleetpulse.pinot.PinotControllerClient;
import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import io.fleetpulse.stack.StackException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Apache Pinot for the analyst tables: ZooKeeper, controller, broker and server, each its own JVM
 * with Pinot's own classpath (embedded-pinot), data under {@code work/stack/data/pinot}. One small
 * supervising JVM ({@code PinotClusterMain}) starts them and stops them when {@code fleet down}
 * stops it, so the stack records one process. Once up, FleetPulse's tables are applied
 * (idempotently). Not essential: if Pinot does not start, the reason (port taken, out of memory,
 * missing Java option, ...) is reported and the rest of the stack runs.
 */
public final class PinotComponent implements StackComponent {

    public static final String NAME = "pinot";
    public static final String MAIN = "io.fleetpulse.embedded.pinot.PinotClusterMain";

    /**
     * System property with five ports {@code ZOOKEEPER,CONTROLLER,BROKER,SERVER,SERVER_ADMIN}
     * replacing Pinot's defaults (19000 controller, 18099 broker, ...), e.g. for a second stack or
     * a test.
     */
    public static final String PORTS_PROPERTY = "fleet.pinot.ports";

    /** The supervisor only launches and watches the Pinot JVMs, which have their own heaps. */
    private static final String HEAP = "96m";

    /** ZooKeeper, controller, then broker and server: a minute or two on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static final String READY = "READY controller=";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        ctx.forget(NAME);
        Path dir = ctx.dataDir("data", NAME);
        PinotClusterConfig cluster = config(dir);
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--big"));
        String ports = System.getProperty(PORTS_PROPERTY);
        if (ports != null) {
            args.addAll(List.of("--ports", ports));
        }
        Path log = ctx.layout().logFile(NAME);
        long offset = Readiness.size(log);
        ctx.out()
                .printf(
                        "starting Pinot (ZooKeeper, controller, broker, server JVMs), controller"
                                + " %s, broker %s, data in %s ...%n",
                        cluster.controllerUrl(), cluster.brokerUrl(), dir);
        Process p = ctx.launcher().start(NAME, HEAP, MAIN, args);
        ComponentState c =
                ctx.record(
                        NAME,
                        p,
                        MAIN,
                        cluster.controllerUrl(),
                        cluster.controllerPort(),
                        cluster.brokerPort(),
                        log);
        try {
            Readiness.awaitLogLine(NAME, p, log, offset, READY, START_TIMEOUT);
        } catch (StackException e) {
            if (!p.isAlive()) {
                ctx.forget(NAME); // it exited: nothing to stop, nothing to show as running
            }
            throw failureLine(log, offset).map(StackException::new).orElseThrow(() -> e);
        }
        return c;
    }

    @Override
    public void verifyRunning(ComponentState running, StackContext ctx) {
        StackContext.requireListening(running);
    }

    /** Applies the tables to the stack's topics (created by Kafka's after-up step before this). */
    @Override
    public void afterUp(ComponentState running, StackContext ctx) {
        List<ApplyResult> applied =
                new PinotApplier(new PinotControllerClient(running.address()))
                        .apply(PinotConfigs.all(Topics.DEFAULT, ctx.bootstrap()), false);
        ctx.out().println("pinot tables:");
        applied.forEach(r -> ctx.out().println("  " + r.describe()));
    }

    /** The broker URL of a recorded Pinot component. */
    public static String brokerUrl(ComponentState pinot) {
        return "http://" + Ports.address(pinot.extraPort());
    }

    private static PinotClusterConfig config(Path dir) {
        PinotClusterConfig c = PinotClusterConfig.defaults(dir);
        String ports = System.getProperty(PORTS_PROPERTY);
        if (ports == null) {
            return c;
        }
        String[] p = ports.split(",");
        if (p.length != 5) {
            throw new StackException(
                    PORTS_PROPERTY
                            + " must list five ports (ZooKeeper, controller, broker, server,"
                            + " server admin), not '"
                            + ports
                            + "'");
        }
        try {
            return c.withPorts(
                    Integer.parseInt(p[0].strip()),
                    Integer.parseInt(p[1].strip()),
                    Integer.parseInt(p[2].strip()),
                    Integer.parseInt(p[3].strip()),
                    Integer.parseInt(p[4].strip()));
        } catch (NumberFormatException e) {
            throw new StackException(PORTS_PROPERTY + ": not a port in '" + ports + "'");
        }
    }

    /** The supervisor's "Pinot did not start (REASON): why" line written since {@code from}. */
    private static Optional<String> failureLine(Path log, long from) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(Math.min(from, f.length()));
            byte[] bytes = new byte[(int) (f.length() - f.getFilePointer())];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.startsWith(PinotClusterMain.FAILED))
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
