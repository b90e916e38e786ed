package io.fleetpulse.loadgen.bench;

import io.fleetpulse.loadgen.sink.ProducerSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Runs Kafka's own {@code ProducerPerformance} in this JVM (its {@code main}) with the simulator's
 * producer settings and record size, echoing its output, and reads its final summary. System.out is
 * redirected while it runs, so nothing else should print then.
 */
final class KafkaPerfRun {

    private KafkaPerfRun() {}

    /**
     * @param records records to send in total (including warm-up)
     * @param warmupRecords records excluded from the steady-state figures
     * @param recordSize payload bytes per record
     */
    static ThroughputFigures run(
            ProducerSettings settings,
            String topic,
            long records,
            long warmupRecords,
            int recordSize,
            PrintStream echo)
            throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--topic",
                                topic,
                                "--num-records",
                                Long.toString(records),
                                "--record-size",
                                Integer.toString(recordSize),
                                "--throughput",
                                "-1",
                                "--warmup-records",
                                Long.toString(warmupRecords),
                                "--producer-props"));
        for (Map.Entry<Object, Object> e : settings.tuning().entrySet()) {
            args.add(e.getKey() + "=" + e.getValue());
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream tee = new PrintStream(new Tee(echo, captured), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        long cpu0 = ProcessCpu.nanos();
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        long cpu = ProcessCpu.nanos() - cpu0;
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        ThroughputFigures figures =
                PerfSummaryParser.parse(lines)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "ProducerPerformance printed no summary line; output was: "
                                                        + lines));
        return figures.withEventsPerCpuSecond(cpu > 0 ? records / (cpu / 1e9) : Double.NaN);
    }

    /** Writes to the echo stream and a capture buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
