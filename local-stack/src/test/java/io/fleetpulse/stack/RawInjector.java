package io.fleetpulse.stack;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.TelemetryFixtures;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.wire.AvroWire;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes deliberate test records straight to the raw telemetry topic, next to the simulator's, and
 * counts them: records FeatureJob must reject (undecodable bytes, an unknown schema fingerprint, an
 * out-of-range reading, a far-future time — each with its expected reason), valid events that close
 * the open windows (one per partition, ahead in event time), and events behind the watermark.
 */
final class RawInjector implements AutoCloseable {

    /** Vehicle ids of injected records start with this; the simulator's never do. */
    static final String PREFIX = "E2E-";

    /** Sequence numbers of {@link #sendEvents} start here (the simulator's never reach it). */
    static final long LATE_SEQ = 1_000_000_000L;

    private static final AvroWire<TelemetryEvent> WIRE = AvroWire.of(TelemetryEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
    private long valid;
    private long seq;

    RawInjector(String bootstrap, Topics topics) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        topic = topics.raw().name();
    }

    /**
     * Sends {@code each} records of every kind FeatureJob must turn into a dead letter, and waits
     * for the broker's acknowledgements.
     */
    void sendRejects(int each, long now) throws Exception {
        for (int i = 0; i < each; i++) {
            send(
                    PREFIX + "BAD",
                    null,
                    ("not telemetry #" + i).getBytes(StandardCharsets.UTF_8),
                    RejectReason.MALFORMED);
            byte[] unknown = WIRE.encode(event("UNKNOWN", now));
            unknown[2] ^= 0x5A; // another schema fingerprint: no schema of the history has it
            send(PREFIX + "UNKNOWN", null, unknown, RejectReason.UNKNOWN_SCHEMA);
            TelemetryEvent fast = event("FAST", now);
            Sensor.SPEED.set(fast, Sensor.SPEED.max() + 100);
            send(PREFIX + "FAST", null, WIRE.encode(fast), RejectReason.OUT_OF_RANGE);
            TelemetryEvent future = event("FUTURE", now + 3_600_000);
            send(PREFIX + "FUTURE", null, WIRE.encode(future), RejectReason.FUTURE_TIMESTAMP);
        }
        producer.flush();
    }

    /**
     * Sends one valid event at {@code eventTime} into each of the topic's partitions, so every
     * partition's watermark passes the windows before it; returns how many.
     */
    int sendClosers(long eventTime) throws Exception {
        int partitions = producer.partitionsFor(topic).size();
        for (int p = 0; p < partitions; p++) {
            send(PREFIX + "CLOSE-" + p, p, WIRE.encode(event("CLOSE-" + p, eventTime)), null);
        }
        producer.flush();
        return partitions;
    }

    /**
     * Sends {@code n} valid events of {@code vehicle} at {@code eventTime} (behind its watermark).
     */
    void sendEvents(String vehicle, int n, long eventTime) throws Exception {
        for (int i = 0; i < n; i++) {
            TelemetryEvent e = TelemetryFixtures.fullEvent(vehicle, 0);
            e.setEventTime(eventTime + i);
            e.setSeq(LATE_SEQ + seq++);
            send(vehicle, null, WIRE.encode(e), null);
        }
        producer.flush();
    }

    private TelemetryEvent event(String name, long eventTime) {
        TelemetryEvent e = TelemetryFixtures.fullEvent(PREFIX + name, 0);
        e.setEventTime(eventTime);
        e.setSeq(seq++);
        return e;
    }

    private void send(String key, Integer partition, byte[] value, RejectReason reason)
            throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        if (reason == null) {
            valid++;
        } else {
            rejects.merge(reason, 1L, Long::sum);
        }
    }

    /** Records sent that FeatureJob must reject, by the reason it must give. */
    Map<RejectReason, Long> rejects() {
        return Map.copyOf(rejects);
    }

    /** Valid records sent (closers and late events). */
    long valid() {
        return valid;
    }

    /** Every record sent. */
    long sent() {
        return valid + rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        producer.close();
    }
}
