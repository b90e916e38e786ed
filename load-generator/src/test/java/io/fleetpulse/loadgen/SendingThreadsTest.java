package io.fleetpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.anomaly.AnomalyConfig;
import io.fleetpulse.loadgen.anomaly.AnomalyKind;
import io.fleetpulse.loadgen.sensors.MissingnessConfig;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import io.fleetpulse.loadgen.sim.TelemetryMessage;
import io.fleetpulse.loadgen.sink.KafkaTelemetrySink;
import io.fleetpulse.loadgen.sink.MessageEncoder;
import io.fleetpulse.loadgen.sink.TelemetrySink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Several sending threads send exactly what the single-threaded simulator sends: per vehicle the
 * same messages in the same order, per partition the same order, the same labels, and no more than
 * the event budget in all.
 */
class SendingThreadsTest {

    private static final long START = 1_735_718_400_000L;
    private static final long TEN_MINUTES = 600_000_000_000L;

    private static SimulationConfig config() {
        return SimulationConfig.defaults(START)
                .withVehicles(120, 600)
                .withSeed(11)
                .withMissingness(MissingnessConfig.DEFAULT)
                .withAnomalies(new AnomalyConfig(30, EnumSet.allOf(AnomalyKind.class)));
    }

    /** Keeps the encoded messages it is given, in order; one per sending thread. */
    private static class Recording implements TelemetrySink {
        final List<Sent> sent = new ArrayList<>();
        private final Function<TelemetryMessage, byte[]> encoder = MessageEncoder.best();

        @Override
        public void send(TelemetryMessage m, long intendedNanos) {
            sent.add(new Sent(m.vehicleId(), m.seq(), encoder.apply(m)));
        }

        @Override
        public void send(TelemetryEvent event, long intendedNanos) {
            throw new UnsupportedOperationException("simulated messages only");
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private record Sent(String vehicle, long seq, byte[] bytes) {
        String hex() {
            return vehicle + "#" + seq + ":" + HexFormat.of().formatHex(bytes);
        }
    }

    private static int partition(String vehicle, int partitions) {
        return KafkaTelemetrySink.partitionOf(vehicle.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** What one thread sends for ten simulated minutes, and its labels. */
    private static List<Sent> singleThreaded(List<AnomalyLabel> labels) throws Exception {
        return singleThreaded(labels, TEN_MINUTES);
    }

    private static List<Sent> singleThreaded(List<AnomalyLabel> labels, long simulatedNanos)
            throws Exception {
        FleetSimulator sim = new FleetSimulator(config(), labels::add);
        Recording sink = new Recording();
        LoadRun.run(sim, sink, null, simulated(simulatedNanos), () -> false);
        sim.finish();
        return sink.sent;
    }

    private static LoadRun.Limits simulated(long nanos) {
        return new LoadRun.Limits(Long.MAX_VALUE, nanos, Long.MAX_VALUE);
    }

    private static Map<String, List<String>> byKey(List<Sent> sent, Function<Sent, String> key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Sent s : sent) {
            out.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s.hex());
        }
        return out;
    }

    @Test
    void threadsSendWhatOneThreadSendsPerVehicleAndPerPartitionInOrder() throws Exception {
        List<AnomalyLabel> expectedLabels = new ArrayList<>();
        List<Sent> expected = singleThreaded(expectedLabels);

        List<AnomalyLabel> labels = Collections.synchronizedList(new ArrayList<>());
        Recording probe = new Recording();
        List<FleetSimulator> shares = SendingThreads.split(config(), 3, probe, true, labels::add);
        assertThat(shares).hasSize(3);
        List<Recording> sinks = List.of(new Recording(), new Recording(), new Recording());
        LoadRun.Result result =
                SendingThreads.run(
                        shares,
                        sinks,
                        null,
                        new LoadRun.Limits(Long.MAX_VALUE, TEN_MINUTES, Long.MAX_VALUE),
                        () -> false);
        shares.forEach(FleetSimulator::finish);

        List<Sent> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < sinks.size(); t++) {
            List<Sent> mine = sinks.get(t).sent;
            all.addAll(mine);
            // A thread owns whole partitions (here: of 3); no vehicle is sent by two threads.
            Set<Integer> parts = new HashSet<>();
            mine.forEach(s -> parts.add(partition(s.vehicle(), 3)));
            assertThat(parts).hasSize(1);
            byKey(mine, Sent::vehicle).keySet().forEach(v -> assertThat(seen.add(v)).isTrue());
            // A thread's messages come in the single-threaded order of its vehicles.
            int p = parts.iterator().next();
            assertThat(mine.stream().map(Sent::hex).toList())
                    .isEqualTo(
                            expected.stream()
                                    .filter(s -> partition(s.vehicle(), 3) == p)
                                    .map(Sent::hex)
                                    .toList());
        }
        assertThat(result.sent()).isEqualTo(expected.size()).isEqualTo(all.size());
        assertThat(byKey(all, Sent::vehicle)).isEqualTo(byKey(expected, Sent::vehicle));
        assertThat(expectedLabels).isNotEmpty();
        assertThat(labels).containsExactlyInAnyOrderElementsOf(expectedLabels);
    }

    @Test
    void sharesOwnWholeKafkaPartitions() {
        List<FleetSimulator> shares =
                FleetSimulator.partitioned(
                        config(),
                        2,
                        v -> KafkaTelemetrySink.partitionOf(v.vehicleIdUtf8(), 12) % 2,
                        null,
                        l -> {});
        assertThat(shares).hasSize(2);
        assertThat(shares.get(0).vehicleCount() + shares.get(1).vehicleCount()).isEqualTo(120);
        for (int s = 0; s < 2; s++) {
            Set<Integer> partitions = new HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                shares.get(s).advance();
                partitions.add(partition(shares.get(s).message().vehicleId(), 12) % 2);
            }
            assertThat(partitions).containsExactly(s);
        }
    }

    @Test
    void sharesSteppingPartitionByPartitionKeepEachPartitionsOrderAndTheExactCut()
            throws Exception {
        // A cut in the middle of a round (120 vehicles at 600 events/s: a round is 0.2 s).
        long cut = TEN_MINUTES + 70_000_000L;
        List<AnomalyLabel> expectedLabels = new ArrayList<>();
        List<Sent> expected = singleThreaded(expectedLabels, cut);
        List<AnomalyLabel> labels = new ArrayList<>();
        List<FleetSimulator> shares =
                FleetSimulator.partitioned(
                        config(),
                        2,
                        v -> KafkaTelemetrySink.partitionOf(v.vehicleIdUtf8(), 12) % 2,
                        v -> KafkaTelemetrySink.partitionOf(v.vehicleIdUtf8(), 12),
                        labels::add);
        List<Sent> all = new ArrayList<>();
        for (FleetSimulator share : shares) {
            Recording sink = new Recording();
            // Two runs on one share (as a warm-up and a measured run) end where one run ends.
            LoadRun.run(share, sink, null, simulated(TEN_MINUTES / 3), () -> false);
            LoadRun.run(share, sink, null, simulated(cut), () -> false);
            share.finish();
            int switches = 0;
            for (int i = 1; i < sink.sent.size(); i++) {
                String a = sink.sent.get(i - 1).vehicle();
                String b = sink.sent.get(i).vehicle();
                switches += partition(a, 12) == partition(b, 12) ? 0 : 1;
            }
            // 3,000 rounds of 6 partitions each: runs of ~10 messages, not one message per run.
            assertThat(switches).isLessThan(sink.sent.size() / 5);
            all.addAll(sink.sent);
        }
        assertThat(all).hasSameSizeAs(expected);
        assertThat(byKey(all, s -> "p" + partition(s.vehicle(), 12)))
                .isEqualTo(byKey(expected, s -> "p" + partition(s.vehicle(), 12)));
        assertThat(labels).containsExactlyInAnyOrderElementsOf(expectedLabels);
    }

    @Test
    void theEventBudgetCountsOverAllThreads() throws Exception {
        List<FleetSimulator> shares =
                SendingThreads.split(config(), 2, new Recording(), false, l -> {});
        List<Recording> sinks = List.of(new Recording(), new Recording());
        LoadRun.Result result =
                SendingThreads.run(
                        shares,
                        sinks,
                        null,
                        new LoadRun.Limits(10_001, Long.MAX_VALUE, Long.MAX_VALUE),
                        () -> false);
        assertThat(result.sent()).isEqualTo(10_001);
        assertThat(sinks.get(0).sent.size() + sinks.get(1).sent.size()).isEqualTo(10_001);
    }

    @Test
    void aFailingThreadStopsTheRunAndIsReported() {
        List<FleetSimulator> shares =
                SendingThreads.split(config(), 2, new Recording(), false, l -> {});
        TelemetrySink failing =
                new Recording() {
                    @Override
                    public void send(TelemetryMessage m, long intendedNanos) {
                        throw new IllegalStateException("broken sink");
                    }
                };
        assertThatThrownBy(
                        () ->
                                SendingThreads.run(
                                        shares,
                                        List.of(new Recording(), failing),
                                        null,
                                        LoadRun.Limits.NONE,
                                        () -> false))
                .hasMessageContaining("broken sink");
    }
}
