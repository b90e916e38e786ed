package io.fleetpulse.stack.component;

import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.serving.cli.Tokens;
import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackContext;
import io.fleetpulse.stack.StackLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * model-serving ({@code fleet serve}) in its own JVM on 127.0.0.1:18080, ready on /health. Its pins
 * and bearer token live in {@code work/stack/serving/model-serving}; the token file is created
 * before the start, so {@code fleet demo} (and a user) can read it. Not essential: the rest of the
 * stack runs without it.
 */
public final class ServingComponent implements StackComponent {

    public static final String NAME = "model-serving";
    private static final String HEAP = "512m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean essential() {
        return false;
    }

    /** Where model-serving keeps its pins and generated token. */
    public static Path stateDir(StackLayout layout) {
        return layout.workDir().resolve("stack").resolve("serving").resolve(NAME);
    }

    /** The bearer token the stack's model-serving accepts (created if missing). */
    public static String token(StackLayout layout) throws IOException {
        return Tokens.generated(stateDir(layout));
    }

    @Override
    public ComponentState start(StackContext ctx) {
        int port = ServingSettings.DEFAULT_PORT;
        ctx.forget(NAME);
        StackContext.requireFree(port, "model-serving", "(its default port; stop what uses it)");
        Path state = stateDir(ctx.layout());
        try {
            token(ctx.layout());
        } catch (IOException e) {
            throw new io.fleetpulse.stack.StackException(
                    "cannot create model-serving's token in " + state + ": " + e.getMessage());
        }
        Path log = ctx.layout().logFile(NAME);
        ctx.out()
                .printf(
                        "starting model-serving on %s (bearer token in %s) ...%n",
                        Ports.address(port), state.resolve(Tokens.GENERATED_FILE));
        Process p =
                ctx.launcher()
                        .start(
                                NAME,
                                HEAP,
                                GatewayComponent.CLI_MAIN,
                                List.of(
                                        "serve",
                                        "--port",
                                        Integer.toString(port),
                                        "--bootstrap-server",
                                        ctx.bootstrap(),
                                        "--state-dir",
                                        state.toString(),
                                        "--token-file",
                                        state.resolve(Tokens.GENERATED_FILE).toString()));
        String base = "http://" + Ports.address(port);
        ComponentState c = ctx.record(NAME, p, GatewayComponent.CLI_MAIN, base, port, 0, log);
        Readiness.awaitHttpOk(NAME, p, log, base + "/health", ctx.config().startTimeout());
        return c;
    }

    @Override
    public void verifyRunning(ComponentState running, StackContext ctx) {
        StackContext.requireListening(running);
    }
}
