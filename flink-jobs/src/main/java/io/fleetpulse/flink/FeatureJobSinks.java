package io.fleetpulse.flink;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.kafka.ExactlyOnceSinks;
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
 */
public record FeatureJobSinks(
        Sink<ImputedTelemetry> imputed,
        Sink<FeatureVector> features,
        Sink<DeadLetter> deadLetters,
        Sink<TelemetryEvent> late) {

    /** Exactly-once Kafka sinks to the registry's topics. */
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
                        config));
    }
}
