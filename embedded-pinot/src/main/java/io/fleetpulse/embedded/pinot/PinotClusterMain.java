package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local Pinot cluster in the foreground: {@code PinotClusterMain --dir DIR} starts it,
 * prints {@code READY controller=URL broker=URL} and stops it on SIGTERM or Ctrl-C; {@code --stop}
 * stops the cluster recorded in DIR. For manual runs and benchmarks outside the stack.
 */
public final class PinotClusterMain {

    private static final String USAGE = "usage: PinotClusterMain --dir DIR [--stop] [--big]";

    private PinotClusterMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = null;
        boolean stop = false;
        boolean big = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
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
        PinotCluster cluster;
        try {
            cluster = PinotCluster.start(config, System.out::println);
        } catch (PinotStartException e) {
            System.err.println("Pinot did not start: " + e.getMessage());
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
}
