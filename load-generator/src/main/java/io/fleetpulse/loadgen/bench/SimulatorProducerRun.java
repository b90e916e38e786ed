package io.fleetpulse.loadgen.bench;

import io.fleetpulse.loadgen.LoadRun;
import io.fleetpulse.loadgen.SendingThreads;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The simulator's sustained unpaced rate into Kafka: {@link SendingThreads} simulating, encoding
 * and sending through one {@link KafkaTelemetrySink} for a warm-up, then a measured window. The
 * rate counts acknowledgements within the window; latency runs from each send call to its
 * acknowledgement.
 */
final class SimulatorProducerRun {

    private static final double MB = 1024.0 * 1024.0;

    private SimulatorProducerRun() {}

    static ThroughputFigures run(
            SimulationConfig config,
            ProducerSettings settings,
            String topic,
            int threads,
            long warmupNanos,
            long measureNanos)
            throws InterruptedException {
        SendStats stats = new SendStats();
        try (KafkaTelemetrySink sink = new KafkaTelemetrySink(settings, topic, stats)) {
            List<FleetSimulator> shares =
                    SendingThreads.split(config, threads, sink, true, label -> {});
            List<KafkaTelemetrySink> sinks = Collections.nCopies(shares.size(), sink);
            SendingThreads.run(shares, sinks, null, limits(warmupNanos), () -> false);
            long ackedBefore = stats.acked();
            long bytesBefore = stats.bytes();
            stats.intervalLatencies();
            long cpu0 = ProcessCpu.nanos();
            long t0 = System.nanoTime();
            SendingThreads.run(shares, sinks, null, limits(measureNanos), () -> false);
            long t1 = System.nanoTime();
            long cpu = ProcessCpu.nanos() - cpu0;
            long acked = stats.acked() - ackedBefore;
            long bytes = stats.bytes() - bytesBefore;
            sink.flush();
            Histogram latency = stats.intervalLatencies();
            if (stats.failed() > 0) {
                throw new IllegalStateException(
                        stats.failed() + " sends failed; first: " + stats.firstError());
            }
            double seconds = (t1 - t0) / 1e9;
            return new ThroughputFigures(
                    acked,
                    acked / seconds,
                    bytes / MB / seconds,
                    latency.getMean() / 1000,
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0,
                    latency.getMaxValue() / 1000.0,
                    cpu > 0 ? acked / (cpu / 1e9) : Double.NaN);
        }
    }

    private static LoadRun.Limits limits(long wallNanos) {
        return new LoadRun.Limits(Long.MAX_VALUE, Long.MAX_VALUE, wallNanos);
    }
}
