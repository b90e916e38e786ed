package io.fleetpulse.ingest.gateway;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.NOW;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.vehicleId;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.embedded.kafka.EmbeddedKafka;
import io.fleetpulse.ingest.json.TelemetryJson;
import io.fleetpulse.ingest.json.TelemetryJsonReader;
import io.fleetpulse.ingest.testing.TelemetryFixtures;
import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Throughput report (not a test, asserts nothing): the JSON codec alone, the batch checker on JSON
 * and Avro, and optionally ({@code kafka}) the whole gateway over HTTP into an embedded broker with
 * a few client threads. Run from the ingest module with the test classpath.
 */
public final class GatewayBench {

    private static final int BATCH = 500;
    private static final int VEHICLES = 1_000;
    private static final long CODEC_EVENTS = 1_000_000;

    public static void main(String[] args) throws Exception {
        List<TelemetryEvent> events = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            TelemetryEvent e = fullEvent(vehicleId(i % VEHICLES), i);
            e.setEventTime(NOW.toEpochMilli() - i);
            events.add(e);
        }
        byte[] json = TelemetryJson.toJsonArray(events);
        AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
        byte[] avro = AvroFrames.encodeEvents(wire, events);
        System.out.printf(
                "batch of %d full events: JSON %d bytes (%d/event), Avro %d bytes (%d/event)%n",
                BATCH, json.length, json.length / BATCH, avro.length, avro.length / BATCH);

        report(
                "JSON codec (readBatch)",
                json.length,
                () -> TelemetryJsonReader.readBatch(json, BATCH));
        BatchChecker checker = new BatchChecker(TelemetryFixtures.validatorAtNow(), wire, BATCH);
        report(
                "check JSON (decode+validate)",
                json.length,
                () -> checker.check(BatchFormat.JSON, json));
        report(
                "check Avro (decode+validate)",
                avro.length,
                () -> checker.check(BatchFormat.AVRO, avro));

        if (args.length > 0 && args[0].equals("kafka")) {
            int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
            int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
            endToEnd(json, clients, seconds);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void report(String name, int batchBytes, Step step) throws Exception {
        long batches = CODEC_EVENTS / BATCH;
        for (int i = 0; i < batches / 4; i++) {
            step.run(); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            step.run();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "%-32s %,12.0f events/s  %8.1f MB/s  (1 thread)%n",
                name, batches * BATCH / s, batches * (double) batchBytes / s / 1e6);
    }

    private static void endToEnd(byte[] json, int clients, int seconds) throws Exception {
        Path dir = Path.of(System.getProperty("fleet.work.dir", "work"), "bench-kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral(dir)) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Map.of()).provision(topics.all());
            }
            try (IngestGateway gateway =
                    IngestGateway.start(
                            GatewaySettings.defaults().withPort(0),
                            TelemetryFixtures.validatorAtNow(),
                            new KafkaTelemetrySink(
                                    kafka.bootstrapServers(), topics, Duration.ofSeconds(30)),
                            TelemetryFixtures.clockAtNow())) {
                LongAdder accepted = new LongAdder();
                long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<?>> running = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    running.add(
                            pool.submit(
                                    () -> {
                                        GatewayClient client = new GatewayClient(gateway.baseUri());
                                        while (System.nanoTime() < end) {
                                            int status =
                                                    client.post(BatchFormat.JSON.mediaType(), json)
                                                            .statusCode();
                                            if (status != 200) {
                                                throw new IllegalStateException("HTTP " + status);
                                            }
                                            accepted.add(BATCH);
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                System.out.printf(
                        "%-32s %,12.0f events/s  (%d HTTP clients, batches of %d, acks=all)%n",
                        "gateway HTTP -> Kafka (JSON)", accepted.sum() / s, clients, BATCH);
            }
        }
    }
}
