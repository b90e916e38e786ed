package io.fleetpulse.flink.features;

import io.fleetpulse.avro.ImputedTelemetry;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a vehicle's imputed events into its pane's {@link PaneAccumulator}, incrementally. */
public class PaneAggregate
        implements AggregateFunction<ImputedTelemetry, PaneAccumulator, PaneAccumulator> {

    @Override
    public PaneAccumulator createAccumulator() {
        return new PaneAccumulator();
    }

    @Override
    public PaneAccumulator add(ImputedTelemetry event, PaneAccumulator acc) {
        acc.add(event);
        return acc;
    }

    @Override
    public PaneAccumulator getResult(PaneAccumulator acc) {
        return acc;
    }

    @Override
    public PaneAccumulator merge(PaneAccumulator a, PaneAccumulator b) {
        PaneAccumulator earlier = a.firstTime <= b.firstTime ? a : b;
        PaneAccumulator later = earlier == a ? b : a;
        PaneAccumulator merged = earlier.copy();
        merged.merge(later);
        return merged;
    }
}
