package io.fleetpulse.learner.job;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.ingest.wire.AvroWire;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes feature vectors from the features topic; a record that is not a valid FeatureVector is
 * counted ({@code fleet_learner_bad_features}), logged and skipped, never failing the job.
 */
public final class FeatureVectorDeserializer
        implements KafkaRecordDeserializationSchema<FeatureVector> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureVectorDeserializer.class);

    private transient AvroWire<FeatureVector> wire;
    private transient Counter bad;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        wire = AvroWire.of(FeatureVector.class);
        bad = context.getMetricGroup().counter("fleet_learner_bad_features");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeatureVector> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(wire.decode(record.value()));
        } catch (RuntimeException e) { // WireFormatException, or an Avro error inside the body
            bad.inc();
            LOG.warn(
                    "skipping undecodable feature vector at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<FeatureVector> getProducedType() {
        return new AvroTypeInfo<>(FeatureVector.class);
    }
}
