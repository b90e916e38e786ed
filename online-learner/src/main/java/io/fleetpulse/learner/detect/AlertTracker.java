package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AlertContribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a vehicle's stream of scored windows into alerts for ops: one open alert per vehicle and
 * kind (repeated findings while it is open only extend it), an OPEN record when it starts and a
 * CLEARED record when a window without it arrives after the quiet period, and a rate limit of
 * alerts opened per vehicle and hour. A finding that {@link Finding#needsConfirmation} (a model's
 * score, a fuel-level rule) must be confirmed by a second, disjoint window of the vehicle (a
 * one-window blip is not worth waking anyone); the alert then starts with the first. A window that
 * overlaps an episode of its kind that already cleared (a 60 s window fires after the 10 s windows
 * that opened and cleared it) opens nothing, so an alert id (vehicle, kind, start) opens once.
 * Plain Java over a {@link VehicleAlerts} state; the Flink function keeps that state per vehicle.
 */
public final class AlertTracker {

    public static final String OPEN = "OPEN";
    public static final String CLEARED = "CLEARED";

    private static final long HOUR_MS = 3_600_000;

    private final AlertSettings settings;
    private long suppressed;

    public AlertTracker(AlertSettings settings) {
        this.settings = settings;
    }

    /** Alerts withheld by the rate limit so far. */
    public long suppressed() {
        return suppressed;
    }

    /**
     * Applies one window of the vehicle whose state is {@code state}.
     *
     * @param now processing time (ms), recorded as {@code emittedAt}
     * @return the alerts to send, OPEN and CLEARED, in order
     */
    public List<Alert> onWindow(VehicleAlerts state, ScoredWindow w, long now) {
        List<Alert> out = new ArrayList<>(1);
        Map<String, Finding> byKind = new LinkedHashMap<>();
        for (Finding f : w.findings) {
            byKind.merge(f.kind, f, (a, b) -> b.severity().compareTo(a.severity()) > 0 ? b : a);
        }
        for (OpenAlert a : state.open.clone()) {
            if (!byKind.containsKey(a.finding.kind)
                    && w.windowEnd - a.lastSeen >= settings.quietMs()) {
                state.remove(a);
                state.ended(a);
                if (!a.suppressed) {
                    out.add(toAlert(w.vehicleId, a, CLEARED, a.lastSeen, now));
                }
            }
        }
        long hourAgo = w.windowEnd - HOUR_MS;
        state.recentOpens = Arrays.stream(state.recentOpens).filter(t -> t > hourAgo).toArray();
        state.ended =
                Arrays.stream(state.ended)
                        .filter(e -> e.lastSeen > hourAgo)
                        .toArray(OpenAlert[]::new);
        if (settings.confirmModelMs() > 0) {
            // A finding waits for the next disjoint window of its own kind: a 60 s window's comes a
            // minute later, after several 10 s windows whose later starts must not expire it.
            long oldest = w.windowStart - settings.confirmModelMs();
            state.unconfirmed =
                    Arrays.stream(state.unconfirmed)
                            .filter(u -> u.lastSeen >= oldest || !sameKind(u, w))
                            .toArray(OpenAlert[]::new);
        }
        for (Finding f : byKind.values()) {
            OpenAlert a = state.find(f.kind);
            if (a != null) {
                a.lastSeen = Math.max(a.lastSeen, w.windowEnd);
                a.severity = f.severity().max(Severity.valueOf(a.severity)).name();
                continue;
            }
            OpenAlert ended = state.findEnded(f.kind);
            if (ended != null && w.windowStart < ended.lastSeen) {
                // A longer window over an episode that cleared (it fires later than the short ones
                // that opened and cleared it): its tail, not a new episode.
                continue;
            }
            long start = w.windowStart;
            if (f.needsConfirmation && settings.confirmModelMs() > 0) {
                OpenAlert first = state.findUnconfirmed(f.kind);
                if (first != null && f.confirmSameFeature && !sameLead(first.finding, f)) {
                    // Another feature: no confirmation of the first, but a first of its own.
                    OpenAlert replaced = first;
                    state.unconfirmed =
                            Arrays.stream(state.unconfirmed)
                                    .filter(u -> u != replaced)
                                    .toArray(OpenAlert[]::new);
                    first = null;
                }
                if (first == null) {
                    state.unconfirmed = append(state.unconfirmed, pending(w, f));
                    continue;
                }
                if (w.windowStart < first.lastSeen) {
                    continue; // overlaps the first window: no independent confirmation yet
                }
                start = first.startTime;
                OpenAlert confirmed = first;
                state.unconfirmed =
                        Arrays.stream(state.unconfirmed)
                                .filter(u -> u != confirmed)
                                .toArray(OpenAlert[]::new);
            }
            a = new OpenAlert();
            a.startTime = start;
            a.alertId = w.vehicleId + "/" + f.kind + "/" + start;
            a.lastSeen = w.windowEnd;
            a.detectedAt = w.windowEnd;
            a.windowKind = w.windowKind;
            a.driverId = w.driverId;
            a.severity = f.severity;
            a.finding = f;
            a.suppressed = state.recentOpens.length >= settings.maxOpensPerHour();
            state.add(a);
            if (a.suppressed) {
                suppressed++;
            } else {
                state.recentOpens = append(state.recentOpens, w.windowEnd);
                out.add(toAlert(w.vehicleId, a, OPEN, null, now));
            }
        }
        return out;
    }

    /** Clears every open alert of a vehicle that went quiet; returns the CLEARED records. */
    public List<Alert> clearAll(String vehicleId, VehicleAlerts state, long now) {
        List<Alert> out = new ArrayList<>();
        for (OpenAlert a : state.open) {
            if (!a.suppressed) {
                out.add(toAlert(vehicleId, a, CLEARED, a.lastSeen, now));
            }
        }
        state.open = new OpenAlert[0];
        return out;
    }

    private static boolean sameLead(Finding a, Finding b) {
        return a.features.length > 0
                && b.features.length > 0
                && a.features[0].equals(b.features[0]);
    }

    private static boolean sameKind(OpenAlert pending, ScoredWindow w) {
        return pending.windowKind == null || pending.windowKind.equals(w.windowKind);
    }

    private static OpenAlert pending(ScoredWindow w, Finding f) {
        OpenAlert p = new OpenAlert();
        p.windowKind = w.windowKind;
        p.startTime = w.windowStart;
        p.lastSeen = w.windowEnd;
        p.finding = f;
        return p;
    }

    private static OpenAlert[] append(OpenAlert[] values, OpenAlert v) {
        OpenAlert[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = v;
        return out;
    }

    private static long[] append(long[] values, long v) {
        long[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = v;
        return out;
    }

    static Alert toAlert(String vehicleId, OpenAlert a, String status, Long endTime, long now) {
        Finding f = a.finding;
        List<AlertContribution> explanation = new ArrayList<>(f.features.length);
        for (int i = 0; i < f.features.length; i++) {
            explanation.add(
                    AlertContribution.newBuilder()
                            .setFeature(f.features[i])
                            .setValue(f.values[i])
                            .setExpected(Double.isNaN(f.expected[i]) ? null : f.expected[i])
                            .setShare(f.shares[i])
                            .build());
        }
        return Alert.newBuilder()
                .setAlertId(a.alertId)
                .setVehicleId(vehicleId)
                .setDriverId(a.driverId == null ? "" : a.driverId)
                .setKind(f.kind)
                .setStatus(status)
                .setSeverity(a.severity)
                .setSource(f.source)
                .setStartTime(a.startTime)
                .setEndTime(endTime)
                .setDetectedAt(a.detectedAt)
                .setWindowKind(a.windowKind)
                .setScore(f.score)
                .setThreshold(f.threshold)
                .setModel(f.model)
                .setModelVersion(f.modelVersion)
                .setExplanation(explanation)
                .setMessage(message(vehicleId, f, status))
                .setEmittedAt(now)
                .build();
    }

    private static String message(String vehicleId, Finding f, String status) {
        StringBuilder s = new StringBuilder();
        s.append(f.kind).append(CLEARED.equals(status) ? " cleared on " : " on ").append(vehicleId);
        if (Finding.MODEL.equals(f.source)) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            ": score %.3g over threshold %.3g (%s v%d)",
                            f.score,
                            f.threshold,
                            f.model,
                            f.modelVersion));
        } else {
            s.append(String.format(Locale.ROOT, ": %.4g, limit %.4g", f.score, f.threshold));
        }
        if (f.features.length > 0 && Finding.MODEL.equals(f.source)) {
            s.append("; most unusual: ");
            for (int i = 0; i < f.features.length; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                s.append(
                        String.format(
                                Locale.ROOT,
                                "%s %.4g (expected %.4g)",
                                f.features[i],
                                f.values[i],
                                f.expected[i]));
            }
        }
        return s.toString();
    }
}
