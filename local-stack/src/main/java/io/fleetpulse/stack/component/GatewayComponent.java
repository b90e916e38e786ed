package io.fleetpulse.stack.component;

import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.Ports;
import io.fleetpulse.stack.Readiness;
import io.fleetpulse.stack.StackComponent;
import io.fleetpulse.stack.StackConfig;
import io.fleetpulse.stack.StackContext;
import java.nio.file.Path;
import java.util.List;

/** The device-facing ingest gateway ({@code fleet gateway}) in its own JVM, ready on /health. */
public final class GatewayComponent implements StackComponent {

    public static final String NAME = "gateway";
    public static final String CLI_MAIN = "io.fleetpulse.stack.FleetCli";
    private static final String HEAP = "512m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentState start(StackContext ctx) {
        StackConfig config = ctx.config();
        ctx.forget(NAME);
        StackContext.requireFree(config.gatewayPort(), "the ingest gateway", "--gateway-port");
        Path log = ctx.layout().logFile(NAME);
        ctx.out()
                .printf(
                        "starting the ingest gateway on %s ...%n",
                        Ports.address(config.gatewayPort()));
        Process p =
                ctx.launcher()
                        .start(
                                NAME,
                                HEAP,
                                CLI_MAIN,
                                List.of(
                                        "gateway",
                                        "--port",
                                        Integer.toString(config.gatewayPort()),
                                        "--bootstrap-server",
                                        ctx.bootstrap()));
        String base = "http://" + Ports.address(config.gatewayPort());
        ComponentState c = ctx.record(NAME, p, CLI_MAIN, base, config.gatewayPort(), 0, log);
        Readiness.awaitHttpOk(NAME, p, log, base + "/health", config.startTimeout());
        return c;
    }

    @Override
    public void verifyRunning(ComponentState running, StackContext ctx) {
        StackContext.requireListening(running);
    }
}
