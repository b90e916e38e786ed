package io.fleetpulse.pinot.bench;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes synthetic FeatureJob and LearnerJob output (imputed telemetry, window features, alerts) to
 * a topic set in FleetPulse's wire format, keyed by vehicle id, optionally in Kafka transactions as
 * FeatureJob does (so Pinot's read_committed consumers are exercised).
 */
final class FleetProducer implements AutoCloseable {

    private static final AvroWire<ImputedTelemetry> TELEMETRY = AvroWire.of(ImputedTelemetry.class);
    private static final AvroWire<FeatureVector> FEATURES = AvroWire.of(FeatureVector.class);
    private static final AvroWire<Alert> ALERTS = AvroWire.of(Alert.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final boolean transactional;

    FleetProducer(String bootstrap, Topics topics, boolean transactional) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fleet-bench-pinot-" + UUID.randomUUID());
        }
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.transactional = transactional;
        if (transactional) {
            producer.initTransactions();
            producer.beginTransaction();
        }
    }

    void send(ImputedTelemetry t) {
        producer.send(
                new ProducerRecord<>(
                        topics.imputed().name(), t.getVehicleId(), TELEMETRY.encode(t)),
                FleetProducer::failOnError);
    }

    void send(FeatureVector f) {
        producer.send(
                new ProducerRecord<>(
                        topics.features().name(), f.getVehicleId(), FEATURES.encode(f)),
                FleetProducer::failOnError);
    }

    void send(Alert a) {
        producer.send(
                new ProducerRecord<>(topics.alerts().name(), a.getVehicleId(), ALERTS.encode(a)),
                FleetProducer::failOnError);
    }

    /** Commits the open transaction and opens the next (flushes when not transactional). */
    void commit() {
        if (transactional) {
            producer.commitTransaction();
            producer.beginTransaction();
        } else {
            producer.flush();
        }
    }

    @Override
    public void close() {
        if (transactional) {
            producer.commitTransaction();
        }
        producer.close();
    }

    private static void failOnError(Object metadata, Exception e) {
        if (e != null) {
            System.err.println("bench: a send failed: " + e);
        }
    }
}
