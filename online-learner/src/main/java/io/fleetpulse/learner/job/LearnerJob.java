package io.fleetpulse.learner.job;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.replica.LearnerSettings;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The online learner: feature vectors in; alerts and versioned model snapshots out, exactly once.
 *
 * <pre>
 * features ─keyBy(vehicle)─► learner (P replicas) ─scored windows─keyBy(vehicle)─► alerts ─► alerts topic
 *                         ▲        └─reports─keyBy(model)─► averager (1) ─► models topic
 *                         └────────── broadcast ◄── models topic read back ──┘
 * </pre>
 *
 * Vectors reach the replicas keyed by vehicle, so each vehicle's windows stay in order on their way
 * to its alerting state (an alert starts at the vehicle's first anomalous window).
 *
 * <p>The job takes its sources and sinks in the constructor, so tests can run the same wiring on
 * other ones; {@link LearnerJobMain} wires Kafka.
 */
public final class LearnerJob {

    private final LearnerSources sources;
    private final LearnerSinks sinks;
    private final ReadableConfig config;

    public LearnerJob(LearnerSources sources, LearnerSinks sinks, ReadableConfig config) {
        this.sources = sources;
        this.sinks = sinks;
        this.config = config;
    }

    /** Adds the job's operators to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        int replicas = config.get(LearnerOptions.PARALLELISM);
        LearnerSettings settings = LearnerOptions.settings(config);

        DataStream<FeatureVector> features =
                env.fromSource(sources.features(), WatermarkStrategy.noWatermarks(), "features")
                        .uid("features-source")
                        .setParallelism(replicas);
        DataStream<SnapshotRecord> published =
                env.fromSource(
                                sources.models(),
                                WatermarkStrategy.noWatermarks(),
                                "models-readback")
                        .uid("models-source")
                        .setParallelism(1);

        SingleOutputStreamOperator<ScoredWindow> scored =
                features.keyBy(FeatureVector::getVehicleId, Types.STRING)
                        .connect(published.broadcast())
                        .transform(
                                "learner",
                                TypeInformation.of(ScoredWindow.class),
                                new LearnerOperator(settings))
                        .uid("learner")
                        .setParallelism(replicas);

        scored.getSideOutput(LearnerOperator.REPORTS)
                .keyBy(r -> r.modelName, Types.STRING)
                .connect(published.keyBy(s -> s.modelName, Types.STRING))
                .process(
                        new AveragerFunction(
                                config.get(LearnerOptions.STRAGGLER_TIMEOUT).toMillis()),
                        TypeInformation.of(SnapshotRecord.class))
                .name("averager")
                .uid("averager")
                .setParallelism(1)
                .sinkTo(sinks.models())
                .name("models-sink")
                .uid("models-sink")
                .setParallelism(1);

        scored.keyBy(w -> w.vehicleId, Types.STRING)
                .process(
                        new AlertFunction(LearnerOptions.alerts(config)),
                        new AvroTypeInfo<>(Alert.class))
                .name("alerts")
                .uid("alerts")
                .setParallelism(replicas)
                .sinkTo(sinks.alerts())
                .name("alerts-sink")
                .uid("alerts-sink")
                .setParallelism(replicas);
    }

    /** Builds the job into {@code env} and runs it until it is stopped. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("FleetPulse LearnerJob");
    }
}
