package io.fleetpulse.flink.pipeline;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.kafka.AvroValues;
import io.fleetpulse.flink.kafka.TopicRecord;
import io.fleetpulse.ingest.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * All three kinds of output on the main output, each serialised for its topic (imputed telemetry,
 * late events, features; keyed by vehicle, as the typed sinks write them), so that one
 * transactional sink writes them all in one transaction per checkpoint.
 */
public final class TopicRecordOutputs implements PipelineOutputs<TopicRecord> {

    private static final long serialVersionUID = 1L;

    private final String imputedTopic;
    private final String lateTopic;
    private final String featuresTopic;

    private transient Function<ImputedTelemetry, byte[]> imputedValues;
    private transient Function<TelemetryEvent, byte[]> lateValues;
    private transient Function<FeatureVector, byte[]> featureValues;
    private transient StreamRecord<TopicRecord> featureRecord;

    public TopicRecordOutputs(Topics topics) {
        this.imputedTopic = topics.imputed().name();
        this.lateTopic = topics.late().name();
        this.featuresTopic = topics.features().name();
    }

    @Override
    public TypeInformation<TopicRecord> type() {
        return TypeInformation.of(TopicRecord.class);
    }

    @Override
    public void open() {
        imputedValues = AvroValues.encoder(ImputedTelemetry.class, imputedTopic);
        lateValues = AvroValues.encoder(TelemetryEvent.class, lateTopic);
        featureValues = AvroValues.encoder(FeatureVector.class, featuresTopic);
        featureRecord = new StreamRecord<>(null);
    }

    @Override
    public void imputed(
            Output<StreamRecord<TopicRecord>> output,
            StreamRecord<TelemetryEvent> in,
            ImputedTelemetry v) {
        output.collect(in.replace(record(imputedTopic, v.getVehicleId(), imputedValues.apply(v))));
    }

    @Override
    public void late(Output<StreamRecord<TopicRecord>> output, StreamRecord<TelemetryEvent> in) {
        TelemetryEvent event = in.getValue();
        output.collect(
                in.replace(record(lateTopic, event.getVehicleId(), lateValues.apply(event))));
    }

    @Override
    public void features(
            Output<StreamRecord<TopicRecord>> output, FeatureVector features, long timestamp) {
        TopicRecord r =
                record(featuresTopic, features.getVehicleId(), featureValues.apply(features));
        output.collect(featureRecord.replace(r, timestamp));
    }

    /** A record for {@code topic}, keyed by the vehicle as the typed sinks key it. */
    private static TopicRecord record(String topic, String vehicleId, byte[] value) {
        return new TopicRecord(topic, vehicleId.getBytes(StandardCharsets.UTF_8), value);
    }
}
