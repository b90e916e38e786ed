package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches a detector's alerts to labelled anomaly episodes, event by event. An alert matches an
 * episode of the same vehicle when the windows it covers overlap the episode (the episode's end
 * extended by {@code graceMs}: some features, such as a fuel-level drop, show in the window after
 * the last affected event) and the kinds agree — a kind-agnostic alert agrees with every kind. An
 * episode is detected by its first matching alert (delay: that alert's detection time minus the
 * episode's start, at least 0); an alert is correct if it matches any episode.
 *
 * <p>Per kind, recall counts that kind's episodes; precision counts the alerts of that kind plus
 * the kind-agnostic alerts that matched an episode of it. Overall figures count every episode and
 * every alert once.
 */
public final class DetectionMatcher {

    /** The name of the overall row. */
    public static final String ALL = "ALL";

    /** The row of kind-agnostic alerts that matched nothing. */
    public static final String UNMATCHED_ANY_KIND = "(unattributed)";

    private final long graceMs;
    private final long deadlineMs;

    public DetectionMatcher(long graceMs) {
        this(graceMs, Long.MAX_VALUE);
    }

    /**
     * @param deadlineMs an alert raised later than this after the episode's end does not count as
     *     detecting it ({@link Long#MAX_VALUE}: any delay counts)
     */
    public DetectionMatcher(long graceMs, long deadlineMs) {
        this.graceMs = graceMs;
        this.deadlineMs = deadlineMs;
    }

    /** Per label kind (sorted), then alert kinds without labels, then {@link #ALL}. */
    public List<KindScore> score(List<AnomalyLabel> labels, List<Detection> detections) {
        Map<String, List<Detection>> byVehicle = new HashMap<>();
        for (Detection d : detections) {
            byVehicle.computeIfAbsent(d.vehicleId(), v -> new ArrayList<>()).add(d);
        }
        Map<Detection, Boolean> correct = new HashMap<>();
        Map<Detection, TreeSet<String>> matchedKinds = new HashMap<>();
        Map<String, int[]> labelCounts = new TreeMap<>(); // kind -> {labels, detected}
        Map<String, Double> delaySum = new HashMap<>();
        for (AnomalyLabel l : labels) {
            int[] c = labelCounts.computeIfAbsent(l.getKind(), k -> new int[2]);
            c[0]++;
            Detection first = null;
            for (Detection d : byVehicle.getOrDefault(l.getVehicleId(), List.of())) {
                if (matches(d, l)) {
                    correct.put(d, true);
                    matchedKinds.computeIfAbsent(d, x -> new TreeSet<>()).add(l.getKind());
                    if (first == null || d.detectedAt() < first.detectedAt()) {
                        first = d;
                    }
                }
            }
            if (first != null) {
                c[1]++;
                delaySum.merge(
                        l.getKind(),
                        Math.max(0, first.detectedAt() - l.getStartTime()) / 1000.0,
                        Double::sum);
            }
        }
        Map<String, int[]> alertCounts = new TreeMap<>(); // kind -> {alerts, correct}
        for (Detection d : detections) {
            boolean ok = correct.getOrDefault(d, false);
            if (d.anyKind()) {
                if (ok) {
                    for (String k : matchedKinds.get(d)) {
                        int[] a = alertCounts.computeIfAbsent(k, x -> new int[2]);
                        a[0]++;
                        a[1]++;
                    }
                } else {
                    alertCounts.computeIfAbsent(UNMATCHED_ANY_KIND, x -> new int[2])[0]++;
                }
            } else {
                int[] a = alertCounts.computeIfAbsent(d.kind(), x -> new int[2]);
                a[0]++;
                a[1] += ok ? 1 : 0;
            }
        }
        List<KindScore> out = new ArrayList<>();
        TreeSet<String> kinds = new TreeSet<>(labelCounts.keySet());
        kinds.addAll(alertCounts.keySet());
        int allLabels = 0;
        int allDetected = 0;
        double allDelay = 0;
        for (String k : kinds) {
            int[] c = labelCounts.getOrDefault(k, new int[2]);
            int[] a = alertCounts.getOrDefault(k, new int[2]);
            double delay = c[1] == 0 ? Double.NaN : delaySum.get(k) / c[1];
            out.add(new KindScore(k, c[0], c[1], a[0], a[1], delay));
            allLabels += c[0];
            allDetected += c[1];
            allDelay += delaySum.getOrDefault(k, 0.0);
        }
        int allCorrect = (int) correct.values().stream().filter(b -> b).count();
        out.add(
                new KindScore(
                        ALL,
                        allLabels,
                        allDetected,
                        detections.size(),
                        allCorrect,
                        allDetected == 0 ? Double.NaN : allDelay / allDetected));
        return out;
    }

    /** The episodes no detection matches, in the order given. */
    public List<AnomalyLabel> missed(List<AnomalyLabel> labels, List<Detection> detections) {
        List<AnomalyLabel> out = new ArrayList<>();
        for (AnomalyLabel l : labels) {
            if (detections.stream()
                    .noneMatch(d -> d.vehicleId().equals(l.getVehicleId()) && matches(d, l))) {
                out.add(l);
            }
        }
        return out;
    }

    /** The detections that match no episode (false alarms), in the order given. */
    public List<Detection> unmatched(List<AnomalyLabel> labels, List<Detection> detections) {
        List<Detection> out = new ArrayList<>();
        for (Detection d : detections) {
            if (labels.stream()
                    .noneMatch(l -> d.vehicleId().equals(l.getVehicleId()) && matches(d, l))) {
                out.add(d);
            }
        }
        return out;
    }

    private boolean matches(Detection d, AnomalyLabel l) {
        return (d.anyKind() || d.kind().equals(l.getKind()))
                && d.start() <= l.getEndTime() + graceMs
                && d.end() >= l.getStartTime()
                && (deadlineMs == Long.MAX_VALUE || d.detectedAt() <= l.getEndTime() + deadlineMs);
    }
}
