package io.fleetpulse.ingest.topics;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.wire.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of every FleetPulse topic: the only place that spells a topic name. Production code
 * uses {@link #DEFAULT}; each integration test builds its own {@link #withPrefix(String) prefixed}
 * set so tests never share topics.
 */
public final class Topics {

    // Declared before DEFAULT: static initialisers run in order and the constructor reads these.
    private static final String WEEK = Long.toString(Duration.ofDays(7).toMillis());
    private static final String TWO_WEEKS = Long.toString(Duration.ofDays(14).toMillis());
    private static final String DAY = Long.toString(Duration.ofDays(1).toMillis());

    /** The production topic names. */
    public static final Topics DEFAULT = new Topics("");

    private final String prefix;
    private final TopicSpec<String, TelemetryEvent> raw;
    private final TopicSpec<String, ImputedTelemetry> imputed;
    private final TopicSpec<String, FeatureVector> features;
    private final TopicSpec<String, DeadLetter> deadLetters;
    private final TopicSpec<String, TelemetryEvent> late;
    private final TopicSpec<String, Alert> alerts;
    private final TopicSpec<String, byte[]> models;
    private final TopicSpec<String, AnomalyLabel> anomalyLabels;

    private Topics(String prefix) {
        this.prefix = prefix;
        Serde<String> key = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        raw =
                new TopicSpec<>(
                        prefix + "fleet.telemetry.raw",
                        12,
                        Map.of("retention.ms", WEEK, "compression.type", "producer"),
                        key,
                        AvroSerde.of(TelemetryEvent.class),
                        "Telemetry as vehicles sent it (validated by the gateway); the log of record."
                                + " Key: vehicle id.");
        imputed =
                new TopicSpec<>(
                        prefix + "fleet.telemetry.imputed",
                        12,
                        Map.of("retention.ms", WEEK),
                        key,
                        AvroSerde.of(ImputedTelemetry.class),
                        "Telemetry with every missing sensor imputed (FeatureJob). Key: vehicle id.");
        features =
                new TopicSpec<>(
                        prefix + "fleet.features",
                        12,
                        Map.of("retention.ms", WEEK),
                        key,
                        AvroSerde.of(FeatureVector.class),
                        "Per-vehicle event-time window features (FeatureJob). Key: vehicle id.");
        deadLetters =
                new TopicSpec<>(
                        prefix + "fleet.dlq",
                        3,
                        Map.of("retention.ms", TWO_WEEKS),
                        key,
                        AvroSerde.of(DeadLetter.class),
                        "Rejected input with its reason and original bytes. Key: vehicle id if known.");
        late =
                new TopicSpec<>(
                        prefix + "fleet.late",
                        3,
                        Map.of("retention.ms", TWO_WEEKS),
                        key,
                        AvroSerde.of(TelemetryEvent.class),
                        "Telemetry that arrived after the allowed lateness (FeatureJob). Key: vehicle id.");
        alerts =
                new TopicSpec<>(
                        prefix + "fleet.alerts",
                        6,
                        Map.of("retention.ms", TWO_WEEKS),
                        key,
                        AvroSerde.of(Alert.class),
                        "Anomaly alerts for ops teams (LearnerJob): OPEN and CLEARED records."
                                + " Key: vehicle id.");
        models =
                new TopicSpec<>(
                        prefix + "fleet.models",
                        1,
                        Map.of(
                                "cleanup.policy",
                                "compact",
                                "min.compaction.lag.ms",
                                DAY,
                                "max.message.bytes",
                                Integer.toString(16 * 1024 * 1024)),
                        key,
                        bytes,
                        "Versioned averaged model snapshots (LearnerJob); model-serving reads it."
                                + " Key: model name. Compacted.");
        anomalyLabels =
                new TopicSpec<>(
                        prefix + "fleet.anomaly.labels",
                        3,
                        Map.of("retention.ms", TWO_WEEKS),
                        key,
                        AvroSerde.of(AnomalyLabel.class),
                        "Ground-truth anomaly episodes from the simulator, for evaluation."
                                + " Key: vehicle id.");
    }

    /** A complete topic set whose names all start with {@code prefix} (for tests). */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    public String prefix() {
        return prefix;
    }

    public TopicSpec<String, TelemetryEvent> raw() {
        return raw;
    }

    public TopicSpec<String, ImputedTelemetry> imputed() {
        return imputed;
    }

    public TopicSpec<String, FeatureVector> features() {
        return features;
    }

    public TopicSpec<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    public TopicSpec<String, TelemetryEvent> late() {
        return late;
    }

    public TopicSpec<String, Alert> alerts() {
        return alerts;
    }

    public TopicSpec<String, byte[]> models() {
        return models;
    }

    public TopicSpec<String, AnomalyLabel> anomalyLabels() {
        return anomalyLabels;
    }

    /** Every topic, in the order they are provisioned. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(raw, imputed, features, deadLetters, late, alerts, models, anomalyLabels);
    }
}
