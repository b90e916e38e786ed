package io.fleetpulse.ingest.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for a FleetPulse Avro record in the {@link AvroWire} format. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroWire<T> wire;

    public AvroSerde(AvroWire<T> wire) {
        this.wire = wire;
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(AvroWire.of(type));
    }

    public AvroWire<T> wire() {
        return wire;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : wire.encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : wire.decode(bytes);
    }
}
