package io.fleetpulse.stack.bench;

import io.fleetpulse.ingest.cli.DurationConverter;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.BenchCommand;
import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.StackConfig;
import io.fleetpulse.stack.StackManager;
import io.fleetpulse.stack.StackOptions;
import io.fleetpulse.stack.StackState;
import io.fleetpulse.stack.component.FeatureJobComponent;
import io.fleetpulse.stack.component.FlinkJobsComponent;
import io.fleetpulse.stack.component.LearnerComponent;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.observe.KafkaCeiling;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fleet bench e2e}: the whole pipeline under a paced simulator load, as {@link E2eRun}
 * measures it, at one rate or stepping through rates to find the highest one sustained; then the
 * raw Kafka produce+consume ceiling in the same run. Prints a table; {@code --json} and {@code
 * --plot} write the figures and the time series.
 */
@Command(
        name = "e2e",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the simulator through the whole local stack (started if needed) and reports"
                    + " throughput, latency (event -> imputed, window end -> features, -> alert,"
                    + " -> queryable in Pinot), consumer lag over time, CPU and memory per process,"
                    + " and raw Kafka's produce+consume rate as the ceiling."
        })
public final class E2eBenchCommand implements Callable<Integer> {

    /** The stack's Flink job components, which take the checkpoint interval. */
    private static final List<String> JOBS =
            List.of(FeatureJobComponent.NAME, LearnerComponent.NAME, FlinkJobsComponent.NAME);

    @ParentCommand BenchCommand bench;

    @Mixin StackOptions stackOptions;

    @Option(
            names = "--rate",
            split = ",",
            defaultValue = "50000",
            description =
                    "Events/s offered; several (e.g. 20000,35000,50000) step up until one is not"
                            + " sustained (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(
            names = "--vehicles",
            defaultValue = "10000",
            description = "Fleet size (default ${DEFAULT-VALUE})")
    int vehicles;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Measured time per rate, after the warm-up (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "Warm-up per rate, not counted (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(
            names = "--ceiling-records",
            defaultValue = "2000000",
            description =
                    "Records for the raw Kafka ceiling; 0 skips it (default ${DEFAULT-VALUE})")
    long ceilingRecords;

    @Option(
            names = "--pinot-broker",
            defaultValue = "${sys:fleet.pinot.broker:-}",
            description = "Pinot broker URL for freshness; empty: the stack's, if it runs one")
    String pinotBroker;

    @Option(names = "--keep-stack", description = "Leave the components this run started running")
    boolean keepStack;

    @Option(names = "--json", description = "Also write the figures and the time series as JSON")
    Path json;

    @Option(names = "--plot", description = "Write throughput, latency and lag over time as SVG")
    Path plot;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StackManager stack = bench.cli().stack();
        StackConfig config = stackOptions.toConfig();
        StackManager.UpResult up = stack.up(config, out);
        String bootstrap = stack.bootstrap().orElseThrow();
        try {
            Map<String, Long> pids = new LinkedHashMap<>();
            for (ComponentState c : StackState.load(stack.layout()).components()) {
                pids.put(c.name(), c.pid());
            }
            pids.put("cli (simulator + probe)", ProcessHandle.current().pid());
            String pinot =
                    pinotBroker != null && !pinotBroker.isBlank()
                            ? pinotBroker
                            : stack.running(PinotComponent.NAME)
                                    .map(PinotComponent::brokerUrl)
                                    .orElse(null);
            List<E2eRun.Result> results = new ArrayList<>();
            for (int rate : rates) {
                out.printf(
                        "%n== %,d events/s, %,d vehicles: %s warm-up (~) + %s%n",
                        rate, vehicles, warmup, duration);
                E2eRun.Result r =
                        E2eRun.run(
                                bootstrap,
                                Topics.DEFAULT,
                                pids,
                                pinot,
                                rate,
                                vehicles,
                                warmup,
                                duration,
                                Duration.ofSeconds(1),
                                out);
                results.add(r);
                if (!r.sustained()) {
                    break;
                }
            }
            KafkaCeiling.Result ceiling = null;
            if (ceilingRecords > 0) {
                out.printf(
                        "%nraw Kafka ceiling: %,d records produced and consumed ...%n",
                        ceilingRecords);
                ceiling = KafkaCeiling.measure(bootstrap, Topics.DEFAULT.raw(), ceilingRecords);
            }
            BenchReport report = E2eReport.build(results, ceiling, pids.keySet());
            report.setting("vehicles", vehicles)
                    .setting("warm-up", warmup.toString())
                    .setting("duration per rate", duration.toString())
                    .setting("rates asked", rates.toString())
                    .setting("pinot broker", pinot == null ? "none" : pinot)
                    .setting("stack components", String.join(", ", pids.keySet()))
                    .setting("checkpoint interval", checkpointSetting(config, up))
                    .setting("load average at start", loadAtStart);
            out.println();
            report.print(out);
            if (json != null) {
                report.writeJson(json);
                out.println("JSON: " + json);
            }
            if (plot != null) {
                Files.writeString(plot, E2eReport.plot(results), StandardCharsets.UTF_8);
                out.println("plot: " + plot);
            }
            return results.stream().anyMatch(r -> r.loadFailure() != null) ? 1 : 0;
        } finally {
            if (!keepStack && !up.started().isEmpty()) {
                out.println();
                stack.stop(up.started(), out);
            }
        }
    }

    /**
     * What the report says of the jobs' checkpoint interval: only the jobs this run started got it.
     */
    static String checkpointSetting(StackConfig config, StackManager.UpResult up) {
        String asked =
                config.checkpointInterval() == null
                        ? "the jobs' default (5 s)"
                        : config.checkpointInterval().toMillis() + " ms";
        List<String> kept =
                up.alreadyRunning().stream()
                        .map(ComponentState::name)
                        .filter(JOBS::contains)
                        .toList();
        return kept.isEmpty()
                ? asked
                : asked + "; already running, so as they were started: " + String.join(", ", kept);
    }
}
