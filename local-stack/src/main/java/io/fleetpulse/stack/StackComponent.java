package io.fleetpulse.stack;

/**
 * One process of the local stack (Kafka, the gateway, a Flink job, Pinot, ...): how it starts, how
 * a running instance is checked, what must happen once it is up. {@link StackManager} starts the
 * registered components in order ({@link StackComponents#standard()}), so adding a process to
 * {@code fleet up} is one class and one line there.
 */
public interface StackComponent {

    /** Name in {@code stack.json}, logs and {@code --no-NAME} style switches. */
    String name();

    /** Whether {@code fleet up} with this configuration wants it (default: not skipped). */
    default boolean wanted(StackConfig config) {
        return config.wants(name());
    }

    /**
     * True if nothing works without it: its failure to start fails {@code fleet up}. A component
     * that is not essential is reported, stopped if half-started, and the rest of the stack runs.
     */
    default boolean essential() {
        return true;
    }

    /**
     * Starts it, {@linkplain StackContext#record records} it as soon as the process exists (so
     * {@code fleet down} finds it even if it then fails) and waits until it is ready.
     *
     * @throws StackException when it cannot start, saying why
     */
    ComponentState start(StackContext ctx);

    /**
     * Checks that a recorded live instance still serves; throws {@link StackException} saying what
     * to do if not. Default: nothing to check.
     */
    default void verifyRunning(ComponentState running, StackContext ctx) {}

    /**
     * Runs once it is up, whether just started or found running: e.g. provisioning topics or tables
     * (idempotently). Default: nothing.
     */
    default void afterUp(ComponentState running, StackContext ctx) {}
}
