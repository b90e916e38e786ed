package io.fleetpulse.flink;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.kafka.ExactlyOnceSinks;
import io.fleetpulse.flink.kafka.TopicRecord;
import io.fleetpulse.flink.pipeline.TopicRecordOutputs;
import io.fleetpulse.ingest.topics.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ReadableConfig;

/**
 * FeatureJob's four outputs. Production uses {@link #kafka}; tests hand in collecting sinks.
 *
 * @param imputed every accepted event with its missing sensors imputed
 * @param features tumbling and sliding window features
 * @param deadLetters records that failed decoding or validation, with reasons
 * @param late events behind the watermark
 * @param combined where set, the fused pipeline writes imputed telemetry, features and late events
 *     through this one sink instead (one Kafka transaction per checkpoint instead of three)
 */
public record FeatureJobSinks(
        Sink<ImputedTelemetry> imputed,
        Sink<FeatureVector> features,
        Sink<DeadLetter> deadLetters,
        Sink<TelemetryEvent> late,
        CombinedSink combined) {

    /**
     * One sink for the fused pipeline's three outputs, and how the pipeline serialises them for it.
     */
    public record CombinedSink(TopicRecordOutputs outputs, Sink<TopicRecord> sink) {}

    /** A sink per output, no combined sink. */
    public FeatureJobSinks(
            Sink<ImputedTelemetry> imputed,
            Sink<FeatureVector> features,
            Sink<DeadLetter> deadLetters,
            Sink<TelemetryEvent> late) {
        this(imputed, features, deadLetters, late, null);
    }

    /**
     * Exactly-once Kafka sinks to the registry's topics; the fused pipeline writes its three
     * outputs through the combined one, the four-operator graph through one sink each.
     */
    public static FeatureJobSinks kafka(Topics topics, ReadableConfig config) {
        return new FeatureJobSinks(
                ExactlyOnceSinks.to(
                        topics.imputed(),
                        ImputedTelemetry.class,
                        ImputedTelemetry::getVehicleId,
                        "imputed",
                        config),
                ExactlyOnceSinks.to(
                        topics.features(),
                        FeatureVector.class,
                        FeatureVector::getVehicleId,
                        "features",
                        config),
                ExactlyOnceSinks.to(
                        topics.deadLetters(),
                        DeadLetter.class,
                        DeadLetter::getVehicleId,
                        "dlq",
                        config),
                ExactlyOnceSinks.to(
                        topics.late(),
                        TelemetryEvent.class,
                        TelemetryEvent::getVehicleId,
                        "late",
                        config),
                new CombinedSink(
                        new TopicRecordOutputs(topics),
                        ExactlyOnceSinks.ofTopicRecords("pipeline", config)));
    }
}
