package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.FeatureVector;
import java.util.List;

/**
 * What an evaluation runs on: feature vectors in stream order (by window end) and the labelled
 * anomaly episodes of the telemetry they were computed from.
 *
 * @param vectors the vectors
 * @param labels the episodes
 * @param description where they came from, for the report
 */
public record LabelledFeatures(
        List<FeatureVector> vectors, List<AnomalyLabel> labels, String description) {

    public LabelledFeatures {
        vectors = List.copyOf(vectors);
        labels = List.copyOf(labels);
    }
}
