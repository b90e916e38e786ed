package io.fleetpulse.learner.cli;

import io.fleetpulse.avro.Alert;
import java.time.Instant;
import java.util.Locale;
import org.apache.avro.generic.GenericData;

/** How {@code fleet alerts} prints an alert: one readable line, or one JSON object per line. */
public final class AlertFormat {

    private AlertFormat() {}

    /**
     * {@code 2026-01-01T00:01:10Z OPEN CRITICAL V00012 ENGINE_OVERHEATING <message>}: the event
     * time it was detected (or, cleared, when it ended), status, severity, vehicle, kind and its
     * own sentence.
     */
    public static String line(Alert a) {
        long when = a.getEndTime() != null ? a.getEndTime() : a.getDetectedAt();
        return String.format(
                Locale.ROOT,
                "%s  %-7s  %-8s  %-10s  %-20s  %s",
                Instant.ofEpochMilli(when),
                a.getStatus(),
                a.getSeverity(),
                a.getVehicleId(),
                a.getKind(),
                a.getMessage());
    }

    /** The alert as one line of JSON with the Avro field names (null for absent values). */
    public static String json(Alert a) {
        return GenericData.get().toString(a);
    }
}
