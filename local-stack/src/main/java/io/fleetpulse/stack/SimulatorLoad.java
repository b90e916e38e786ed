package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.loadgen.LoadRun;
import io.fleetpulse.loadgen.cli.SimulationOptions;
import io.fleetpulse.loadgen.pacing.Pacer;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.GatewayFormat;
import io.fleetpulse.loadgen.sink.GatewayTelemetrySink;
import io.fleetpulse.loadgen.sink.KafkaLabelPublisher;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * The demo's load: the load-generator's fleet simulator, paced to a constant rate, sending straight
 * to the raw topic with the simulator's own producer settings and publishing its anomaly labels, on
 * a background thread. Built from the simulator's own parts ({@link FleetSimulator}, {@link
 * LoadRun}, {@link KafkaTelemetrySink}) with the defaults of {@code fleet simulate}, so the demo
 * drives exactly what {@code fleet simulate} would.
 */
public final class SimulatorLoad implements DemoLoad {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    // Gateway batching as `fleet simulate --via gateway` does by default.
    private static final int GATEWAY_BATCH = 500;
    private static final Duration GATEWAY_LINGER = Duration.ofMillis(50);
    private static final int GATEWAY_IN_FLIGHT = 4;

    private final SimulationConfig config;
    private final ProducerSettings settings;
    private final Topics topics;
    private final Duration duration;
    private final URI gateway;
    private final UnaryOperator<TelemetrySink> decorator;
    private final SendStats stats = new SendStats();
    private final AtomicLong labels = new AtomicLong();
    private volatile boolean stopRequested;
    private volatile boolean finished;
    private volatile String failure;
    private Thread thread;

    private SimulatorLoad(
            SimulationConfig config,
            ProducerSettings settings,
            Topics topics,
            Duration duration,
            URI gateway,
            UnaryOperator<TelemetrySink> decorator) {
        this.config = config;
        this.settings = settings;
        this.topics = topics;
        this.duration = duration;
        this.gateway = gateway;
        this.decorator = decorator;
    }

    /**
     * A simulator of {@code vehicles} vehicles sending {@code rate} events/s to {@code bootstrap}
     * (or, when {@code gateway} is not null, through the gateway at that base URL), otherwise with
     * {@code fleet simulate}'s defaults (missing data, anomalies, seed). Labels go to Kafka.
     */
    public static SimulatorLoad create(
            String bootstrap,
            URI gateway,
            int rate,
            int vehicles,
            Duration duration,
            Topics topics) {
        return create(
                bootstrap,
                gateway,
                duration,
                topics,
                UnaryOperator.identity(),
                "--vehicles",
                Integer.toString(vehicles),
                "--rate",
                Integer.toString(rate));
    }

    /**
     * A simulator configured by {@code fleet simulate}'s options (e.g. {@code --vehicles 40 --rate
     * 80 --anomaly-kinds ENGINE_OVERHEATING}; defaults for the rest), whose sink is wrapped by
     * {@code decorator} (e.g. to send some events twice; {@link UnaryOperator#identity()} for
     * none).
     */
    public static SimulatorLoad create(
            String bootstrap,
            URI gateway,
            Duration duration,
            Topics topics,
            UnaryOperator<TelemetrySink> decorator,
            String... simulationOptions) {
        SimulationOptions options =
                CommandLine.populateCommand(new SimulationOptions(), simulationOptions);
        return new SimulatorLoad(
                options.config(System.currentTimeMillis()),
                ProducerSettings.defaults(bootstrap),
                topics,
                duration,
                gateway,
                decorator);
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "demo-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaLabelPublisher labelSink =
                        new KafkaLabelPublisher(settings, topics.anomalyLabels());
                TelemetrySink sink = decorator.apply(openSink())) {
            FleetSimulator sim =
                    new FleetSimulator(
                            config,
                            label -> {
                                labels.incrementAndGet();
                                labelSink.accept(label);
                            });
            LoadRun.Limits limits =
                    new LoadRun.Limits(
                            Long.MAX_VALUE,
                            duration == null ? Long.MAX_VALUE : duration.toNanos(),
                            Long.MAX_VALUE);
            LoadRun.run(sim, sink, new Pacer(System.nanoTime()), limits, () -> stopRequested);
            sim.finish();
            sink.flush();
            labelSink.flush();
            if (stats.firstError() != null) {
                failure = stats.failed() + " events not delivered: " + stats.firstError();
            } else if (labelSink.firstError() != null) {
                failure = "labels not delivered: " + labelSink.firstError();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.toString();
        } finally {
            finished = true;
        }
    }

    private TelemetrySink openSink() {
        if (gateway == null) {
            return new KafkaTelemetrySink(settings, topics.raw().name(), stats);
        }
        return new GatewayTelemetrySink(
                gateway,
                GatewayFormat.AVRO,
                GATEWAY_BATCH,
                GATEWAY_LINGER,
                GATEWAY_IN_FLIGHT,
                stats);
    }

    /** Events the broker (or the gateway) acknowledged so far. */
    public long acked() {
        return stats.acked();
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public String status() {
        return String.format(
                "sim: %,d acked, %,d rejected, %,d failed, %,d anomaly labels",
                stats.acked(), stats.rejected(), stats.failed(), labels.get());
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        stopRequested = true;
        if (thread != null) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
