package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local Pinot cluster in the foreground: {@code PinotClusterMain --dir DIR} starts it,
 * prints {@code READY controller=URL broker=URL} and stops it on SIGTERM or Ctrl-C; {@code --stop}
 * stops the cluster recorded in DIR. The local stack runs it as Pinot's supervising process; also
 * for manual runs and benchmarks. If the cluster does not start it prints {@value #FAILED} with the
 * reason ({@link PinotStartException.Reason}) and exits 1.
 */
public final class PinotClusterMain {

    private static final String USAGE =
            "usage: PinotClusterMain --dir DIR [--stop] [--big]"
                    + " [--ports ZOOKEEPER,CONTROLLER,BROKER,SERVER,SERVER_ADMIN]";

    /** Printed before the reason when the cluster does not start. */
    public static final String FAILED = "Pinot did not start";

    private PinotClusterMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = null;
        boolean stop = false;
        boolean big = false;
        int[] ports = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--ports" -> ports = ports(args[++i]);
                case "--stop" -> stop = true;
                case "--big" -> big = true;
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (stop) {
            System.out.println(PinotCluster.stop(dir) ? "stopped" : "not running");
            return;
        }
        PinotClusterConfig config = PinotClusterConfig.defaults(dir);
        if (!big) {
            config = config.withHeaps(PinotClusterConfig.Heaps.SMALL);
        }
        if (ports != null) {
            config = config.withPorts(ports[0], ports[1], ports[2], ports[3], ports[4]);
        }
        PinotCluster cluster;
        try {
            cluster = PinotCluster.start(config, System.out::println);
        } catch (PinotStartException e) {
            System.err.println(FAILED + " (" + e.reason() + "): " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    cluster.close();
                                    stopped.countDown();
                                }));
        System.out.println(
                "READY controller=" + cluster.controllerUrl() + " broker=" + cluster.brokerUrl());
        stopped.await();
    }

    private static int[] ports(String list) {
        String[] parts = list.split(",");
        if (parts.length != 5) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int[] out = new int[5];
        for (int i = 0; i < 5; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                System.err.println("not a port: " + parts[i] + "; " + USAGE);
                System.exit(2);
            }
        }
        return out;
    }
}
