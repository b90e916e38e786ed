package io.fleetpulse.flink.kafka;

import io.fleetpulse.ingest.wire.AvroSerde;
import io.fleetpulse.ingest.wire.SpecificRecordEncoder;
import java.util.function.Function;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value bytes FeatureJob writes for a record type: the topic serde's Avro single-object
 * encoding, by the fast generated-code encoder where the schema allows it.
 */
public final class AvroValues {

    private AvroValues() {}

    /** An encoder for {@code type}; not serialisable, so create it in {@code open()}. */
    public static <T extends SpecificRecord> Function<T, byte[]> encoder(
            Class<T> type, String topic) {
        SpecificRecordEncoder<T> fast =
                SpecificRecordEncoder.forSchema(SpecificData.get().getSchema(type));
        if (fast != null) {
            return fast::encode;
        }
        Serializer<T> generic = AvroSerde.of(type).serializer();
        return v -> generic.serialize(topic, v);
    }
}
