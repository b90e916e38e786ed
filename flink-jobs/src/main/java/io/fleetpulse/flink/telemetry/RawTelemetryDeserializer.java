package io.fleetpulse.flink.telemetry;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.ingest.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the raw telemetry topic for FeatureJob's KafkaSource. It never throws: every Kafka record
 * becomes exactly one {@link RawTelemetry}, either the decoded event or the original bytes with the
 * reason they could not be decoded ({@code MALFORMED}, {@code UNKNOWN_SCHEMA}), so bad input goes
 * to the dead-letter topic instead of failing the job.
 */
public final class RawTelemetryDeserializer
        implements KafkaRecordDeserializationSchema<RawTelemetry> {

    private static final long serialVersionUID = 1L;

    /** Created on first use: {@link AvroWire} is not serializable and is built per task. */
    private transient AvroWire<TelemetryEvent> wire;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        wire();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawTelemetry> out) {
        out.collect(read(record));
    }

    /** Decodes one record; never throws. */
    public RawTelemetry read(ConsumerRecord<byte[], byte[]> record) {
        RawTelemetry.Source source =
                new RawTelemetry.Source(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key() == null
                                ? null
                                : new String(record.key(), StandardCharsets.UTF_8));
        byte[] value = record.value();
        if (value == null) {
            return RawTelemetry.rejected(
                    RejectReason.MALFORMED,
                    "record has no value (a tombstone); telemetry records always have one",
                    null,
                    source);
        }
        try {
            return RawTelemetry.decoded(wire().decode(value), value, source);
        } catch (WireFormatException e) {
            return RawTelemetry.rejected(reasonOf(e), e.getMessage(), value, source);
        } catch (RuntimeException e) {
            // AvroWire maps Avro's own failures; anything else in corrupt bytes is still bad input.
            return RawTelemetry.rejected(
                    RejectReason.MALFORMED,
                    "undecodable TelemetryEvent: "
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage(),
                    value,
                    source);
        }
    }

    @Override
    public TypeInformation<RawTelemetry> getProducedType() {
        return TypeInformation.of(RawTelemetry.class);
    }

    private AvroWire<TelemetryEvent> wire() {
        if (wire == null) {
            wire = AvroWire.of(TelemetryEvent.class);
        }
        return wire;
    }

    private static RejectReason reasonOf(WireFormatException e) {
        for (RejectReason reason : RejectReason.values()) {
            if (reason.name().equals(e.reasonCode())) {
                return reason;
            }
        }
        return RejectReason.MALFORMED;
    }
}
