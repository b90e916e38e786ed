package io.fleetpulse.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link StackComponent} gets while {@code fleet up} runs: the configuration, the work
 * directory layout, the JVM launcher, the console, Kafka's address once the broker is up, and the
 * bookkeeping every component needs (recording a started process, port checks).
 */
public final class StackContext {

    private final StackConfig config;
    private final StackLayout layout;
    private final JvmLauncher launcher;
    private final PrintStream out;
    private String bootstrap;

    StackContext(StackConfig config, StackLayout layout, JvmLauncher launcher, PrintStream out) {
        this.config = config;
        this.layout = layout;
        this.launcher = launcher;
        this.out = out;
    }

    public StackConfig config() {
        return config;
    }

    public StackLayout layout() {
        return layout;
    }

    public JvmLauncher launcher() {
        return launcher;
    }

    public PrintStream out() {
        return out;
    }

    /** Kafka's bootstrap address; set once the broker is up (components after it may use it). */
    public String bootstrap() {
        if (bootstrap == null) {
            throw new IllegalStateException(
                    "Kafka is not up yet: register this component after it");
        }
        return bootstrap;
    }

    void bootstrap(String address) {
        this.bootstrap = address;
    }

    /** Where a component keeps its data or checkpoints: {@code work/stack/<kind>/<name>}. */
    public Path dataDir(String kind, String name) {
        return layout.workDir().resolve("stack").resolve(kind).resolve(name);
    }

    /** The recorded component if it is still our live process. */
    public Optional<ComponentState> running(String name) {
        return StackState.load(layout)
                .component(name)
                .filter(c -> Processes.isOurs(c, layout.workDir()));
    }

    /** Records a just-started process at once, so {@code fleet down} finds it even if it fails. */
    public ComponentState record(
            String name,
            Process p,
            String main,
            String address,
            int port,
            int extraPort,
            Path log) {
        Instant started = p.info().startInstant().orElse(Instant.now());
        ComponentState c =
                new ComponentState(
                        name, p.pid(), main, address, port, extraPort, log.toString(), started);
        StackState.load(layout).with(c).save(layout);
        return c;
    }

    /** Drops a stale record of {@code name} (before starting it again). */
    public void forget(String name) {
        StackState s = StackState.load(layout);
        if (s.component(name).isPresent()) {
            s.without(name).save(layout);
        }
    }

    /**
     * @throws StackException naming the port, its user and the option to change it, if taken
     */
    public static void requireFree(int port, String what, String option) {
        if (!Ports.isFree(port)) {
            throw new StackException(
                    "port "
                            + port
                            + " on "
                            + Ports.HOST
                            + " (for "
                            + what
                            + ") is in use by another process; stop it (see `ss -ltnp"
                            + " 'sport = :"
                            + port
                            + "'`) or choose another port with "
                            + option);
        }
    }

    /**
     * @throws StackException if a recorded live component does not answer on its port
     */
    public static void requireListening(ComponentState c) {
        if (!Ports.isListening(c.port())) {
            throw new StackException(
                    c.name()
                            + " (pid "
                            + c.pid()
                            + ") runs but does not answer on "
                            + Ports.address(c.port())
                            + "; see "
                            + c.logFile()
                            + ", then ./fleet down and ./fleet up");
        }
    }
}
