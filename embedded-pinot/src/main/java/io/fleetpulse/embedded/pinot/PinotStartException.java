package io.fleetpulse.embedded.pinot;

import java.nio.file.Path;

/**
 * Pinot did not start, with the reason in words a user can act on (port taken, out of memory, a
 * missing Java option, ...) and the log that shows it.
 */
public final class PinotStartException extends RuntimeException {

    /** Why Pinot did not start. */
    public enum Reason {
        /** A port Pinot needs is used by another process. */
        PORT_TAKEN,
        /** A Pinot JVM ran out of memory or could not reserve its heap. */
        OUT_OF_MEMORY,
        /** Pinot needs a JVM option it did not get (the --add-opens set on Java 17). */
        MISSING_JAVA_OPTION,
        /** The Pinot runtime (classpath, plugin jar) is not built or incomplete. */
        RUNTIME_MISSING,
        /** A Pinot JVM exited for another reason; see its log. */
        EXITED,
        /** A node did not become healthy in time. */
        TIMEOUT
    }

    private final Reason reason;
    private final transient Path log;

    public PinotStartException(Reason reason, String message, Path log) {
        super(message + (log == null ? "" : " (log: " + log + ")"));
        this.reason = reason;
        this.log = log;
    }

    public Reason reason() {
        return reason;
    }

    /** The log of the node that failed, or null. */
    public Path log() {
        return log;
    }
}
