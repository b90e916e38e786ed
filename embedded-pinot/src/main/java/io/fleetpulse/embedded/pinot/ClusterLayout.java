package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;

/**
 * Where the cluster keeps its files under its directory: configs, per-node data, logs, the JVMs'
 * temp directory and the state file that lets another JVM (e.g. {@code fleet down}) find and stop
 * the nodes.
 */
record ClusterLayout(Path dir) {

    Path confDir() {
        return dir.resolve("conf");
    }

    Path logsDir() {
        return dir.resolve("logs");
    }

    Path tmpDir() {
        return dir.resolve("tmp");
    }

    Path zookeeperData() {
        return dir.resolve("zookeeper");
    }

    Path controllerData() {
        return dir.resolve("controller").resolve("data");
    }

    Path controllerTemp() {
        return dir.resolve("controller").resolve("tmp");
    }

    Path serverData() {
        return dir.resolve("server").resolve("data");
    }

    Path serverSegments() {
        return dir.resolve("server").resolve("segments");
    }

    /** The node's console output (stdout and stderr): JVM errors, WARN and above. */
    Path consoleLog(PinotNode node) {
        return logsDir().resolve(node.id() + ".out");
    }

    /** The node's full log (INFO and above, rolled by size). */
    Path log(PinotNode node) {
        return logsDir().resolve(node.id() + ".log");
    }

    Path log4jConfig() {
        return confDir().resolve("log4j2.xml");
    }

    Path stateFile() {
        return dir.resolve("pinot-cluster.properties");
    }
}
