package io.fleetpulse.flink;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.features.EmitPane;
import io.fleetpulse.flink.features.FeatureSchema;
import io.fleetpulse.flink.features.Pane;
import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.PaneAggregate;
import io.fleetpulse.flink.features.SlidingFeatures;
import io.fleetpulse.flink.features.TumblingFeatures;
import io.fleetpulse.flink.impute.ImputeTelemetry;
import io.fleetpulse.flink.kafka.TopicRecord;
import io.fleetpulse.flink.pipeline.PipelineOutputs;
import io.fleetpulse.flink.pipeline.TypedOutputs;
import io.fleetpulse.flink.pipeline.VehiclePipeline;
import io.fleetpulse.flink.telemetry.RawTelemetry;
import io.fleetpulse.flink.telemetry.TelemetryEventSerializer;
import io.fleetpulse.flink.telemetry.TelemetryWatermarks;
import io.fleetpulse.flink.validate.ValidateTelemetry;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The heart of the Kappa pipeline: raw telemetry in; validated, de-duplicated, MICE-imputed
 * telemetry and per-vehicle event-time window features out, plus dead letters and late events — all
 * exactly once. The job takes its source and sinks in the constructor so tests can run the same
 * wiring on bounded input and collecting sinks; {@link FeatureJobMain} wires Kafka.
 */
public final class FeatureJob {

    private static final KeySelector<ImputedTelemetry, String> BY_VEHICLE =
            ImputedTelemetry::getVehicleId;
    private static final KeySelector<Pane, String> PANE_BY_VEHICLE = p -> p.vehicleId;

    /**
     * The uid of the operator holding each vehicle's dedup and imputation state and the MICE
     * statistics, in both graphs, so either restores the other's checkpoints.
     */
    private static final String IMPUTE_UID = "dedup-and-impute";

    private static final String PIPELINE_NAME = "dedup-impute-features";

    private final Source<RawTelemetry, ?, ?> source;
    private final FeatureJobSinks sinks;
    private final ReadableConfig config;

    public FeatureJob(
            Source<RawTelemetry, ?, ?> source, FeatureJobSinks sinks, ReadableConfig config) {
        this.source = source;
        this.sinks = sinks;
        this.config = config;
    }

    /** Adds the job's operators to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        Duration tumbling = config.get(FeatureJobOptions.TUMBLING_WINDOW);
        Duration sliding = config.get(FeatureJobOptions.SLIDING_WINDOW);

        DataStream<RawTelemetry> raw =
                env.fromSource(
                                source,
                                TelemetryWatermarks.strategy(
                                        config.get(FeatureJobOptions.ALLOWED_LATENESS),
                                        config.get(FeatureJobOptions.SOURCE_IDLENESS),
                                        config.get(FeatureJobOptions.MAX_CLOCK_SKEW)),
                                "raw-telemetry")
                        .uid("raw-telemetry-source");

        SingleOutputStreamOperator<TelemetryEvent> valid =
                raw.process(ValidateTelemetry.fromConfig(config))
                        .returns(TelemetryEventSerializer.TYPE)
                        .name("validate")
                        .uid("validate");
        valid.getSideOutput(ValidateTelemetry.DEAD_LETTERS)
                .sinkTo(sinks.deadLetters())
                .name("dead-letters-sink")
                .uid("dead-letters-sink");

        if (config.get(FeatureJobOptions.FUSED_PIPELINE)) {
            fused(valid, tumbling, sliding);
        } else {
            separate(valid, tumbling, sliding);
        }
    }

    /**
     * Dedup, imputation and both windows in one keyed operator ({@link VehiclePipeline}), its
     * outputs through the combined sink where there is one, else through one sink each.
     */
    private void fused(DataStream<TelemetryEvent> valid, Duration tumbling, Duration sliding) {
        FeatureJobSinks.CombinedSink combined = sinks.combined();
        if (combined != null) {
            VehiclePipeline<TopicRecord> pipeline = pipeline(tumbling, sliding, combined.outputs());
            byVehicle(valid)
                    .transform(PIPELINE_NAME, pipeline.outputType(), pipeline)
                    .uid(IMPUTE_UID)
                    .sinkTo(combined.sink())
                    .name("pipeline-outputs-sink")
                    .uid("pipeline-outputs-sink");
            return;
        }
        VehiclePipeline<ImputedTelemetry> pipeline =
                pipeline(tumbling, sliding, new TypedOutputs());
        SingleOutputStreamOperator<ImputedTelemetry> imputed =
                byVehicle(valid)
                        .transform(PIPELINE_NAME, pipeline.outputType(), pipeline)
                        .uid(IMPUTE_UID);
        sinkImputedAndLate(imputed);
        sinkFeatures(imputed.getSideOutput(VehiclePipeline.FEATURES));
    }

    private <T> VehiclePipeline<T> pipeline(
            Duration tumbling, Duration sliding, PipelineOutputs<T> outputs) {
        return new VehiclePipeline<>(
                FeatureJobOptions.miceConfig(config),
                config.get(FeatureJobOptions.VEHICLE_IDLE_TIMEOUT),
                config.get(FeatureJobOptions.MICE_ENABLED),
                tumbling,
                sliding,
                config.get(FeatureJobOptions.WINDOW_EMIT_SPREAD),
                outputs);
    }

    private void sinkImputedAndLate(SingleOutputStreamOperator<ImputedTelemetry> imputed) {
        imputed.getSideOutput(ImputeTelemetry.LATE)
                .sinkTo(sinks.late())
                .name("late-events-sink")
                .uid("late-events-sink");
        imputed.sinkTo(sinks.imputed())
                .name("imputed-telemetry-sink")
                .uid("imputed-telemetry-sink");
    }

    private void sinkFeatures(DataStream<FeatureVector> features) {
        features.sinkTo(sinks.features()).name("features-sink").uid("features-sink");
    }

    /**
     * The stream keyed by vehicle. With parallelism 1 the one subtask owns every key group, so the
     * stream is keyed as it is and the operator chains to the source (no network hop, no
     * serialisation of each event between them); otherwise it is shuffled by vehicle.
     */
    private KeyedStream<TelemetryEvent, String> byVehicle(DataStream<TelemetryEvent> valid) {
        KeySelector<TelemetryEvent, String> vehicle = TelemetryEvent::getVehicleId;
        if (config.get(FeatureJobOptions.PARALLELISM) == 1) {
            return DataStreamUtils.reinterpretAsKeyedStream(valid, vehicle);
        }
        return valid.keyBy(vehicle);
    }

    /** The former graph: four operators, keyed state read and written per event. */
    private void separate(DataStream<TelemetryEvent> valid, Duration tumbling, Duration sliding) {
        SingleOutputStreamOperator<ImputedTelemetry> imputed =
                valid.keyBy(TelemetryEvent::getVehicleId)
                        .process(
                                new ImputeTelemetry(
                                        FeatureJobOptions.miceConfig(config),
                                        config.get(FeatureJobOptions.VEHICLE_IDLE_TIMEOUT),
                                        config.get(FeatureJobOptions.MICE_ENABLED)))
                        .returns(new AvroTypeInfo<>(ImputedTelemetry.class))
                        .name("dedup-and-impute")
                        .uid(IMPUTE_UID);
        sinkImputedAndLate(imputed);

        TypeInformation<PaneAccumulator> accType = TypeInformation.of(PaneAccumulator.class);
        SingleOutputStreamOperator<Pane> panes =
                DataStreamUtils.reinterpretAsKeyedStream(imputed, BY_VEHICLE)
                        .window(TumblingEventTimeWindows.of(tumbling))
                        .aggregate(
                                new PaneAggregate(),
                                new EmitPane(),
                                accType,
                                accType,
                                TypeInformation.of(Pane.class))
                        .name("tumbling-panes")
                        .uid("tumbling-panes");

        DataStream<FeatureVector> tumblingFeatures =
                panes.map(new TumblingFeatures())
                        .returns(new AvroTypeInfo<>(FeatureVector.class))
                        .name("tumbling-features")
                        .uid("tumbling-features");
        DataStream<FeatureVector> slidingFeatures =
                DataStreamUtils.reinterpretAsKeyedStream(panes, PANE_BY_VEHICLE)
                        .process(new SlidingFeatures(sliding, tumbling, FeatureSchema.SLIDING_60S))
                        .returns(new AvroTypeInfo<>(FeatureVector.class))
                        .name("sliding-features")
                        .uid("sliding-features");
        sinkFeatures(tumblingFeatures.union(slidingFeatures));
    }

    /** Builds the job into {@code env} and runs it until it ends (bounded input) or is stopped. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("FleetPulse FeatureJob");
    }
}
