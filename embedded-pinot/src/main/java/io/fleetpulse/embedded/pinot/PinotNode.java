package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;
import java.util.List;

/**
 * The four JVMs of the local Pinot cluster, in start order: what each runs and with which config
 * file. ZooKeeper runs from Pinot's own classpath (it bundles ZooKeeper 3.5).
 */
public enum PinotNode {
    ZOOKEEPER("zookeeper", "org.apache.zookeeper.server.ZooKeeperServerMain", "zoo.cfg"),
    CONTROLLER("controller", PinotNode.ADMIN, "controller.conf"),
    BROKER("broker", PinotNode.ADMIN, "broker.conf"),
    SERVER("server", PinotNode.ADMIN, "server.conf");

    private static final String ADMIN = "org.apache.pinot.tools.admin.PinotAdministrator";

    private final String id;
    private final String mainClass;
    private final String configFile;

    PinotNode(String id, String mainClass, String configFile) {
        this.id = id;
        this.mainClass = mainClass;
        this.configFile = configFile;
    }

    /** Short lower-case name, used for files and messages. */
    public String id() {
        return id;
    }

    public String mainClass() {
        return mainClass;
    }

    /** The node's program arguments given its config directory. */
    public List<String> arguments(Path confDir) {
        String config = confDir.resolve(configFile).toString();
        return switch (this) {
            case ZOOKEEPER -> List.of(config);
            case CONTROLLER -> List.of("StartController", "-configFileName", config);
            case BROKER -> List.of("StartBroker", "-configFileName", config);
            case SERVER -> List.of("StartServer", "-configFileName", config);
        };
    }

    public String configFile() {
        return configFile;
    }
}
