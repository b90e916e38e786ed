package io.fleetpulse.stack.bench;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.PaneAccumulatorSerializer;
import io.fleetpulse.flink.impute.MiceConfig;
import io.fleetpulse.flink.impute.TelemetryImputer;
import io.fleetpulse.flink.impute.VehicleState;
import io.fleetpulse.flink.impute.VehicleStateSerializer;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * FeatureJob's keyed state for one active vehicle, serialised with the very serializers Flink uses
 * for it: the dedup-and-impute state, the open tumbling pane, the recent panes the sliding windows
 * keep (one per slide step of the sliding window), and the index of those panes' starts.
 */
final class StateSize {

    /** Bytes per vehicle, by part. */
    record PerVehicle(int vehicleState, int pane, int panesKept, int paneIndex, int total) {}

    private StateSize() {}

    static PerVehicle measure(int slidingPanes) throws IOException {
        SimulationConfig config =
                SimulationConfig.defaults(System.currentTimeMillis()).withVehicles(1, 5);
        FleetSimulator sim = new FleetSimulator(config, label -> {});
        TelemetryImputer imputer = new TelemetryImputer(MiceConfig.defaults());
        VehicleState state = VehicleState.fresh();
        PaneAccumulator pane = new PaneAccumulator();
        TelemetryEvent event = new TelemetryEvent();
        for (int i = 0; i < 50; i++) { // one 10 s pane at 5 Hz
            sim.next(event);
            state.sequences.offer(event.getSeq());
            ImputedTelemetry imputed = imputer.impute(event, state.memory, 0);
            pane.add(imputed);
        }
        int vehicleBytes = size(VehicleStateSerializer.INSTANCE, state);
        int paneBytes = size(PaneAccumulatorSerializer.INSTANCE, pane);
        // pane-starts: the number of open panes, then the open and the recent panes' starts
        int indexBytes = size(LongPrimitiveArraySerializer.INSTANCE, new long[2 + slidingPanes]);
        int total = vehicleBytes + paneBytes + slidingPanes * paneBytes + indexBytes;
        return new PerVehicle(vehicleBytes, paneBytes, slidingPanes, indexBytes, total);
    }

    private static <T> int size(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }
}
