package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.flink.features.FeatureSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The windows FeatureJob must have closed, derived from the imputed events it wrote (events per
 * vehicle and 10 s pane), and the check that the features topic holds exactly those: one tumbling
 * vector per pane counting its events, a sliding vector ending at every pane's end, every sliding
 * vector counting the events of its six panes, and no window twice.
 */
final class FeatureWindows {

    static final long PANE_MS = 10_000;
    static final long SLIDING_MS = 60_000;

    /** Events per {@code vehicle@paneStart}. */
    private final Map<String, Long> panes;

    private FeatureWindows(Map<String, Long> panes) {
        this.panes = panes;
    }

    /** The panes of the imputed events of the vehicles {@code vehicles} accepts. */
    static FeatureWindows of(List<ImputedTelemetry> imputed, Predicate<String> vehicles) {
        return new FeatureWindows(
                imputed.stream()
                        .filter(e -> vehicles.test(e.getVehicleId()))
                        .collect(
                                Collectors.groupingBy(
                                        e -> key(e.getVehicleId(), paneStart(e.getEventTime())),
                                        TreeMap::new,
                                        Collectors.counting())));
    }

    Set<String> vehicles() {
        return panes.keySet().stream()
                .map(k -> k.substring(0, k.indexOf('@')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether {@code features} has a tumbling vector for every pane (what a test waits for). */
    boolean tumblingCovered(List<FeatureVector> features) {
        return tumbling(features).keySet().containsAll(panes.keySet());
    }

    void assertMatch(List<FeatureVector> features) {
        Map<String, Long> tumbling = tumbling(features);
        assertThat(tumbling).as("events per pane").containsAllEntriesOf(panes);
        assertThat(tumbling.keySet()).as("no pane without events").allMatch(panes::containsKey);
        assertThat(
                        features.stream()
                                .map(
                                        f ->
                                                key(f.getVehicleId(), f.getWindowStart())
                                                        + "@"
                                                        + f.getWindowKind()))
                .as("each window's features once")
                .doesNotHaveDuplicates();
        List<FeatureVector> sliding =
                features.stream()
                        .filter(f -> f.getWindowKind().equals(FeatureSchema.SLIDING_60S))
                        .toList();
        Set<String> slidingEnds =
                sliding.stream()
                        .map(f -> key(f.getVehicleId(), f.getWindowEnd()))
                        .collect(Collectors.toSet());
        for (String pane : panes.keySet()) {
            String vehicle = pane.substring(0, pane.indexOf('@'));
            long end = Long.parseLong(pane.substring(pane.indexOf('@') + 1)) + PANE_MS;
            assertThat(slidingEnds)
                    .as("a sliding window ends with each pane")
                    .contains(key(vehicle, end));
        }
        for (FeatureVector f : sliding) {
            long events = 0;
            for (long s = f.getWindowStart(); s < f.getWindowEnd(); s += PANE_MS) {
                events += panes.getOrDefault(key(f.getVehicleId(), s), 0L);
            }
            assertThat((long) f.getEventCount()).as(f.toString()).isEqualTo(events);
        }
    }

    /** Event count per {@code vehicle@windowStart} of the tumbling vectors. */
    private static Map<String, Long> tumbling(List<FeatureVector> features) {
        Map<String, Long> out = new HashMap<>();
        for (FeatureVector f : features) {
            if (f.getWindowKind().equals(FeatureSchema.TUMBLING_10S)) {
                out.put(key(f.getVehicleId(), f.getWindowStart()), (long) f.getEventCount());
            }
        }
        return out;
    }

    private static long paneStart(long eventTime) {
        return eventTime - Math.floorMod(eventTime, PANE_MS);
    }

    private static String key(String vehicle, long time) {
        return vehicle + "@" + time;
    }
}
