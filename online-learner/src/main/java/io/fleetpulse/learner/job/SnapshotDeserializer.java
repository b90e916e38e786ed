package io.fleetpulse.learner.job;

import io.fleetpulse.learner.servable.ModelFormatException;
import io.fleetpulse.learner.servable.ModelSnapshot;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads model snapshots back from the models topic, checking each decodes (magic, format,
 * checksum); anything else is counted ({@code fleet_learner_bad_snapshots}), logged and skipped.
 */
public final class SnapshotDeserializer
        implements KafkaRecordDeserializationSchema<SnapshotRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDeserializer.class);

    private transient Counter bad;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        bad = context.getMetricGroup().counter("fleet_learner_bad_snapshots");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SnapshotRecord> out) {
        if (record.value() == null) {
            return; // a tombstone
        }
        try {
            ModelSnapshot s = ModelSnapshot.fromBytes(record.value());
            out.collect(new SnapshotRecord(s.modelName(), s.version(), record.value()));
        } catch (ModelFormatException e) {
            bad.inc();
            LOG.warn(
                    "skipping unreadable model snapshot at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<SnapshotRecord> getProducedType() {
        return TypeInformation.of(SnapshotRecord.class);
    }
}
