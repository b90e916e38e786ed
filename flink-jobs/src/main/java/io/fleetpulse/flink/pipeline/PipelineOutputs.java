package io.fleetpulse.flink.pipeline;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * How {@link VehiclePipeline} hands on its three kinds of output — imputed telemetry, late events
 * and window features: as typed records on a main and two side outputs ({@link TypedOutputs}, for
 * separate sinks and the test harnesses), or as records serialised for their Kafka topics on one
 * output ({@link TopicRecordOutputs}, for one transactional sink).
 *
 * @param <OUT> the operator's main output type
 */
public interface PipelineOutputs<OUT> extends Serializable {

    /** The type of the operator's main output. */
    TypeInformation<OUT> type();

    /**
     * Creates what is not serialisable (encoders, reused records); called in the operator's open.
     */
    void open();

    /** An imputed event; {@code in} is the event's record, free to be reused. */
    void imputed(
            Output<StreamRecord<OUT>> output, StreamRecord<TelemetryEvent> in, ImputedTelemetry v);

    /** An event behind the watermark or the dedup window, in its own record. */
    void late(Output<StreamRecord<OUT>> output, StreamRecord<TelemetryEvent> in);

    /** A window's features, timestamped with the window's last instant. */
    void features(Output<StreamRecord<OUT>> output, FeatureVector features, long timestamp);
}
