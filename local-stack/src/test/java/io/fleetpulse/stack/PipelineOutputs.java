package io.fleetpulse.stack;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.learner.servable.ModelSnapshot;
import java.util.List;

/** Every topic the pipeline writes (and the simulator's labels), each read committed. */
final class PipelineOutputs implements AutoCloseable {

    final CommittedTopic<ImputedTelemetry> imputed;
    final CommittedTopic<FeatureVector> features;
    final CommittedTopic<DeadLetter> deadLetters;
    final CommittedTopic<TelemetryEvent> late;
    final CommittedTopic<Alert> alerts;
    final CommittedTopic<AnomalyLabel> labels;
    final CommittedTopic<ModelSnapshot> models;

    PipelineOutputs(String bootstrap, Topics topics) {
        imputed = new CommittedTopic<>(bootstrap, topics.imputed());
        features = new CommittedTopic<>(bootstrap, topics.features());
        deadLetters = new CommittedTopic<>(bootstrap, topics.deadLetters());
        late = new CommittedTopic<>(bootstrap, topics.late());
        alerts = new CommittedTopic<>(bootstrap, topics.alerts());
        labels = new CommittedTopic<>(bootstrap, topics.anomalyLabels());
        models = new CommittedTopic<>(bootstrap, topics.models().name(), ModelSnapshot::fromBytes);
    }

    @Override
    public void close() {
        for (CommittedTopic<?> topic :
                List.of(imputed, features, deadLetters, late, alerts, labels, models)) {
            topic.close();
        }
    }
}
