package io.fleetpulse.flink.features;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches the vehicle and the window bounds to a finished pane. */
public class EmitPane extends ProcessWindowFunction<PaneAccumulator, Pane, String, TimeWindow> {

    @Override
    public void process(
            String vehicleId, Context ctx, Iterable<PaneAccumulator> panes, Collector<Pane> out) {
        for (PaneAccumulator stats : panes) {
            out.collect(new Pane(vehicleId, ctx.window().getStart(), ctx.window().getEnd(), stats));
        }
    }
}
