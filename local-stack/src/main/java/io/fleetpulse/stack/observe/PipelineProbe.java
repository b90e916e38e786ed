package io.fleetpulse.stack.observe;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches the pipeline's outputs as a user of them would: a {@code read_committed} consumer on the
 * imputed, features and alerts topics, from their ends, on its own thread. For every record it
 * measures how long after its event time it became readable — event time → imputed event, window
 * end → features, end of the window that raised an alert → the alert — and counts imputed cells and
 * alerts by kind. Exactly-once outputs are readable only once the producing checkpoint commits, so
 * these latencies include that, as they should.
 */
public final class PipelineProbe implements AutoCloseable {

    private static final AvroWire<ImputedTelemetry> IMPUTED = AvroWire.of(ImputedTelemetry.class);
    private static final AvroWire<FeatureVector> FEATURES = AvroWire.of(FeatureVector.class);
    private static final AvroWire<Alert> ALERTS = AvroWire.of(Alert.class);
    // Decoding every imputed record would cost the probe a core at 50k/s: its latency comes from
    // the record timestamp (the event time, as the job's sink writes it); one in SAMPLE is decoded
    // for the imputation rate.
    private static final int SAMPLE = 20;

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final LatencyStream imputed = new LatencyStream("event -> imputed readable");
    private final LatencyStream features = new LatencyStream("window end -> features readable");
    private final LatencyStream alerts = new LatencyStream("alert window end -> alert readable");
    private final LongAdder imputedRecords = new LongAdder();
    private final LongAdder featureRecords = new LongAdder();
    private final LongAdder sampled = new LongAdder();
    private final LongAdder sampledWithImputation = new LongAdder();
    private final Map<String, LongAdder> alertsByKind = new ConcurrentHashMap<>();
    private final AtomicLong lastAlertMillis = new AtomicLong();
    private volatile String failure;
    private volatile boolean running = true;

    private PipelineProbe(String bootstrap, Topics topics) {
        this.topics = topics;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleet-probe");
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "pipeline-probe");
        this.thread.setDaemon(true);
    }

    /** Starts watching from the topics' current ends. */
    public static PipelineProbe start(String bootstrap, Topics topics) {
        PipelineProbe probe = new PipelineProbe(bootstrap, topics);
        List<TopicPartition> parts = new ArrayList<>();
        for (String t :
                List.of(
                        topics.imputed().name(),
                        topics.features().name(),
                        topics.alerts().name())) {
            probe.consumer
                    .partitionsFor(t, Duration.ofSeconds(10))
                    .forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        }
        probe.consumer.assign(parts);
        probe.consumer.seekToEnd(parts);
        parts.forEach(probe.consumer::position); // resolve the end now, not at first poll
        probe.thread.start();
        return probe;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    handle(r, now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e.toString();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        String topic = r.topic();
        if (topic.equals(topics.imputed().name())) {
            imputedRecords.increment();
            imputed.record(now - r.timestamp());
            if (imputedRecords.sum() % SAMPLE == 0) {
                ImputedTelemetry t = IMPUTED.decode(r.value());
                sampled.increment();
                if (t.getImputedCount() > 0) {
                    sampledWithImputation.increment();
                }
            }
        } else if (topic.equals(topics.features().name())) {
            featureRecords.increment();
            FeatureVector v = FEATURES.decode(r.value());
            features.record(now - v.getWindowEnd());
        } else {
            Alert a = ALERTS.decode(r.value());
            if ("OPEN".equals(String.valueOf(a.getStatus()))) {
                alerts.record(now - a.getDetectedAt());
                alertsByKind
                        .computeIfAbsent(String.valueOf(a.getKind()), k -> new LongAdder())
                        .increment();
                lastAlertMillis.set(now);
            }
        }
    }

    public LatencyStream imputed() {
        return imputed;
    }

    public LatencyStream features() {
        return features;
    }

    public LatencyStream alerts() {
        return alerts;
    }

    public long imputedRecords() {
        return imputedRecords.sum();
    }

    public long featureRecords() {
        return featureRecords.sum();
    }

    /** Share of imputed events with at least one sensor filled in, from a 1-in-20 sample. */
    public double imputationRate() {
        long n = sampled.sum();
        return n == 0 ? Double.NaN : (double) sampledWithImputation.sum() / n;
    }

    /** OPEN alerts seen per kind. */
    public Map<String, Long> alertsByKind() {
        Map<String, Long> out = new java.util.TreeMap<>();
        alertsByKind.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Why the probe stopped reading, or null while it reads. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
