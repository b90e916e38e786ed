package io.fleetpulse.stack;

/**
 * The traffic a demo drives into the stack (the fleet simulator), seen through what the demo needs:
 * start it, ask how it is doing for the console line, and stop it.
 */
public interface DemoLoad extends AutoCloseable {

    /** Starts sending in the background. */
    void start();

    /** Whether it ended by itself (its duration is over, or it failed). */
    boolean finished();

    /** A short phrase for the console line, e.g. {@code sim: 12,345 sent}. */
    String status();

    /** A failure that ended it, or null. */
    String failure();

    /** Stops it and waits until it has flushed what it sent. */
    @Override
    void close();
}
