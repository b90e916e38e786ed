package io.fleetpulse.flink.features;

import io.fleetpulse.avro.FeatureVector;
import org.apache.flink.api.common.functions.MapFunction;

/** A pane's own features: the tumbling window. */
public class TumblingFeatures implements MapFunction<Pane, FeatureVector> {

    @Override
    public FeatureVector map(Pane pane) {
        return FeatureSchema.toFeatures(
                pane.vehicleId,
                pane.start,
                pane.end,
                FeatureSchema.TUMBLING_10S,
                pane.stats,
                System.currentTimeMillis());
    }
}
