package io.fleetpulse.learner.detect;

import java.util.Arrays;

/**
 * The alert state of one vehicle: its open alerts (one per kind), when its recent alerts opened
 * (for the rate limit) and the last that cleared of each kind. A Flink POJO kept as keyed state.
 */
public class VehicleAlerts {

    public OpenAlert[] open = new OpenAlert[0];

    /** Event times (window ends) at which sent alerts opened within the last hour. */
    public long[] recentOpens = new long[0];

    /** Model findings waiting for confirmation by a later, disjoint window (one per kind). */
    public OpenAlert[] unconfirmed = new OpenAlert[0];

    /**
     * The last alert of each kind that cleared within the hour: windows that overlap it open
     * nothing.
     */
    public OpenAlert[] ended = new OpenAlert[0];

    public VehicleAlerts() {}

    void ended(OpenAlert a) {
        OpenAlert[] kept =
                Arrays.stream(ended)
                        .filter(e -> !e.finding.kind.equals(a.finding.kind))
                        .toArray(OpenAlert[]::new);
        ended = Arrays.copyOf(kept, kept.length + 1);
        ended[kept.length] = a;
    }

    OpenAlert findEnded(String kind) {
        for (OpenAlert a : ended) {
            if (a.finding.kind.equals(kind)) {
                return a;
            }
        }
        return null;
    }

    OpenAlert find(String kind) {
        for (OpenAlert a : open) {
            if (a.finding.kind.equals(kind)) {
                return a;
            }
        }
        return null;
    }

    void add(OpenAlert a) {
        open = Arrays.copyOf(open, open.length + 1);
        open[open.length - 1] = a;
    }

    void remove(OpenAlert a) {
        open = Arrays.stream(open).filter(o -> o != a).toArray(OpenAlert[]::new);
    }

    OpenAlert findUnconfirmed(String kind) {
        for (OpenAlert a : unconfirmed) {
            if (a.finding.kind.equals(kind)) {
                return a;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return open.length == 0
                && recentOpens.length == 0
                && unconfirmed.length == 0
                && ended.length == 0;
    }
}
