package io.fleetpulse.flink.features;

import io.fleetpulse.avro.FeatureVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sliding windows of {@code size} sliding by one pane, built by merging a vehicle's most recent
 * panes — no event is stored twice. A window ending at a pane's end is emitted when that pane
 * arrives; windows ending later, while the vehicle is quiet, are emitted by event-time timers.
 * Panes are evicted once no future window can contain them, so a quiet vehicle's state empties.
 */
public class SlidingFeatures extends KeyedProcessFunction<String, Pane, FeatureVector> {

    private final long sizeMs;
    private final long slideMs;
    private final String kind;

    private transient MapState<Long, PaneAccumulator> panes;

    /**
     * @param size window size, a multiple of the slide
     * @param slide the pane size of the upstream tumbling window
     */
    public SlidingFeatures(Duration size, Duration slide, String kind) {
        if (size.toMillis() % slide.toMillis() != 0 || size.compareTo(slide) < 0) {
            throw new IllegalArgumentException(
                    "sliding window size " + size + " must be a multiple of its slide " + slide);
        }
        this.sizeMs = size.toMillis();
        this.slideMs = slide.toMillis();
        this.kind = kind;
    }

    @Override
    public void open(OpenContext openContext) {
        panes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "recent-panes",
                                        LongSerializer.INSTANCE,
                                        PaneAccumulatorSerializer.INSTANCE));
    }

    @Override
    public void processElement(Pane pane, Context ctx, Collector<FeatureVector> out)
            throws Exception {
        PaneAccumulator existing = panes.get(pane.start);
        if (existing != null) {
            existing.merge(pane.stats); // a late re-firing of the same pane
            panes.put(pane.start, existing);
        } else {
            panes.put(pane.start, pane.stats);
        }
        emit(ctx.getCurrentKey(), pane.end, out);
        for (long end = pane.end + slideMs; end < pane.start + sizeMs + slideMs; end += slideMs) {
            ctx.timerService().registerEventTimeTimer(end);
        }
    }

    @Override
    public void onTimer(long windowEnd, OnTimerContext ctx, Collector<FeatureVector> out)
            throws Exception {
        if (panes.get(windowEnd - slideMs) == null) {
            emit(ctx.getCurrentKey(), windowEnd, out); // the pane ending here had no events
        }
        evictBefore(windowEnd - sizeMs + slideMs);
    }

    private void emit(String vehicleId, long windowEnd, Collector<FeatureVector> out)
            throws Exception {
        long windowStart = windowEnd - sizeMs;
        List<Map.Entry<Long, PaneAccumulator>> inWindow = new ArrayList<>();
        for (Map.Entry<Long, PaneAccumulator> e : panes.entries()) {
            if (e.getKey() >= windowStart && e.getKey() < windowEnd) {
                inWindow.add(e);
            }
        }
        if (inWindow.isEmpty()) {
            return;
        }
        inWindow.sort(Map.Entry.comparingByKey());
        PaneAccumulator merged = new PaneAccumulator();
        for (Map.Entry<Long, PaneAccumulator> e : inWindow) {
            merged.merge(e.getValue());
        }
        out.collect(
                FeatureSchema.toFeatures(
                        vehicleId,
                        windowStart,
                        windowEnd,
                        kind,
                        merged,
                        System.currentTimeMillis()));
    }

    private void evictBefore(long oldestNeededStart) throws Exception {
        Iterator<Map.Entry<Long, PaneAccumulator>> it = panes.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < oldestNeededStart) {
                it.remove();
            }
        }
        if (panes.isEmpty()) {
            panes.clear(); // drop the vehicle's state entry itself, not only its panes
        }
    }
}
