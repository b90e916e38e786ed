package io.fleetpulse.flink.pipeline;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.impute.ImputeTelemetry;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Imputed telemetry on the main output, late events on {@link ImputeTelemetry#LATE} and features on
 * {@link VehiclePipeline#FEATURES}: one sink per kind.
 */
public final class TypedOutputs implements PipelineOutputs<ImputedTelemetry> {

    private static final long serialVersionUID = 1L;

    private transient StreamRecord<FeatureVector> featureRecord;

    @Override
    public TypeInformation<ImputedTelemetry> type() {
        return new AvroTypeInfo<>(ImputedTelemetry.class);
    }

    @Override
    public void open() {
        featureRecord = new StreamRecord<>(null);
    }

    @Override
    public void imputed(
            Output<StreamRecord<ImputedTelemetry>> output,
            StreamRecord<TelemetryEvent> in,
            ImputedTelemetry v) {
        output.collect(in.replace(v));
    }

    @Override
    public void late(
            Output<StreamRecord<ImputedTelemetry>> output, StreamRecord<TelemetryEvent> in) {
        output.collect(ImputeTelemetry.LATE, in);
    }

    @Override
    public void features(
            Output<StreamRecord<ImputedTelemetry>> output, FeatureVector features, long timestamp) {
        output.collect(VehiclePipeline.FEATURES, featureRecord.replace(features, timestamp));
    }
}
