package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the test data set as FeatureJob would (transactions, FleetPulse's wire format), plus what
 * Pinot must cope with: an aborted transaction, a record not in the wire format, and a record
 * written with an older version of the ImputedTelemetry schema (one field fewer).
 */
final class TestProducer {

    /** The field the "older" ImputedTelemetry version lacks (it has a default). */
    static final String ADDED_LATER = "processedAt";

    private static final AvroWire<ImputedTelemetry> TELEMETRY = AvroWire.of(ImputedTelemetry.class);
    private static final AvroWire<FeatureVector> FEATURES = AvroWire.of(FeatureVector.class);
    private static final AvroWire<Alert> ALERTS = AvroWire.of(Alert.class);

    private final String bootstrap;
    private final Topics topics;

    TestProducer(String bootstrap, Topics topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    void sendCommitted(List<ImputedTelemetry> telemetry, List<FeatureVector> features) {
        sendCommitted(telemetry, features, null);
    }

    /** Sends in one committed transaction; {@code key} overrides the vehicle id key if given. */
    void sendCommitted(List<ImputedTelemetry> telemetry, List<FeatureVector> features, String key) {
        try (KafkaProducer<String, byte[]> p = transactional()) {
            p.beginTransaction();
            for (ImputedTelemetry t : telemetry) {
                p.send(
                        record(
                                topics.imputed().name(),
                                key == null ? t.getVehicleId() : key,
                                TELEMETRY.encode(t)));
            }
            for (FeatureVector f : features) {
                p.send(record(topics.features().name(), f.getVehicleId(), FEATURES.encode(f)));
            }
            p.commitTransaction();
        }
    }

    /** Sends {@code alerts} in this order, keyed by vehicle id, in one committed transaction. */
    void sendAlerts(List<Alert> alerts) {
        try (KafkaProducer<String, byte[]> p = transactional()) {
            p.beginTransaction();
            for (Alert a : alerts) {
                p.send(record(topics.alerts().name(), a.getVehicleId(), ALERTS.encode(a)));
            }
            p.commitTransaction();
        }
    }

    /** Sends one event keyed {@code GHOST} in a transaction that is then aborted. */
    void sendAborted(ImputedTelemetry t) {
        try (KafkaProducer<String, byte[]> p = transactional()) {
            p.beginTransaction();
            p.send(record(topics.imputed().name(), "GHOST", TELEMETRY.encode(t)));
            p.flush();
            p.abortTransaction();
        }
    }

    void sendGarbage(String topic, String key) {
        try (KafkaProducer<String, byte[]> p = transactional()) {
            p.beginTransaction();
            p.send(record(topic, key, "not avro at all".getBytes(StandardCharsets.UTF_8)));
            p.commitTransaction();
        }
    }

    /** Sends {@code t} encoded with {@link #olderSchema()} (committed). */
    void sendWithOlderSchema(ImputedTelemetry t) {
        Schema older = olderSchema();
        GenericRecord r = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            Object value = t.get(f.name());
            r.put(f.name(), value instanceof List<?> list ? List.copyOf(list) : value);
        }
        try (KafkaProducer<String, byte[]> p = transactional()) {
            p.beginTransaction();
            ByteBuffer buf =
                    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(r);
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            p.send(record(topics.imputed().name(), t.getVehicleId(), bytes));
            p.commitTransaction();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ImputedTelemetry as it might have been before {@value #ADDED_LATER} was added. */
    static Schema olderSchema() {
        Schema current = ImputedTelemetry.getClassSchema();
        List<Schema.Field> fields =
                current.getFields().stream()
                        .filter(f -> !f.name().equals(ADDED_LATER))
                        .map(f -> new Schema.Field(f, f.schema()))
                        .collect(Collectors.toList());
        return Schema.createRecord(
                current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** The decoder property value listing {@link #olderSchema()}. */
    static String olderWriterSchemasJson() {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.writeValueAsString(List.of(json.readTree(olderSchema().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KafkaProducer<String, byte[]> transactional() {
        KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "pinot-it-" + UUID.randomUUID()),
                        new StringSerializer(),
                        new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key, value);
    }
}
