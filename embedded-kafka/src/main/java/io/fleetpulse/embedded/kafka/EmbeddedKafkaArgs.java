package io.fleetpulse.embedded.kafka;

import java.nio.file.Path;

/** Command-line arguments of {@link EmbeddedKafka#main}. */
record EmbeddedKafkaArgs(Path dataDir, int port, int controllerPort) {

    static final String USAGE =
            "usage: EmbeddedKafka --data-dir DIR [--port PORT] [--controller-port PORT]";

    static EmbeddedKafkaArgs parse(String[] args) {
        Path dir = null;
        int port = 19092;
        int controller = 19093;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--data-dir" -> dir = Path.of(value);
                case "--port" -> port = parsePort(flag, value);
                case "--controller-port" -> controller = parsePort(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new EmbeddedKafkaArgs(dir, port, controller);
    }

    private static int parsePort(String flag, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(flag + " must be 0..65535, was " + value);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, was " + value);
        }
    }
}
