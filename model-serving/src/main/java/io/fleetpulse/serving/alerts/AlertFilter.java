package io.fleetpulse.serving.alerts;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which alerts a stream client wants: vehicles and kinds (any of them; empty = all), and a minimum
 * severity. Built from repeatable or comma-separated query parameters {@code vehicle}, {@code kind}
 * and {@code severity}.
 */
public record AlertFilter(Set<String> vehicles, Set<String> kinds, Severity minSeverity) {

    /** Alert severities, least first. */
    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    /** Everything. */
    public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), Severity.INFO);

    /**
     * From query parameter values.
     *
     * @throws ApiException naming the parameter if a severity is unknown
     */
    public static AlertFilter of(List<String> vehicles, List<String> kinds, String severity) {
        Severity min = Severity.INFO;
        if (severity != null && !severity.isBlank()) {
            try {
                min = Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(
                        ApiError.INVALID,
                        "severity",
                        -1,
                        "unknown severity " + severity + "; one of INFO, WARNING, CRITICAL");
            }
        }
        return new AlertFilter(split(vehicles, false), split(kinds, true), min);
    }

    private static Set<String> split(List<String> values, boolean upper) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(upper ? p.toUpperCase(Locale.ROOT) : p);
                }
            }
        }
        return Set.copyOf(out);
    }

    /** Whether {@code a} passes. An unknown severity in the data passes only an INFO filter. */
    public boolean test(Alert a) {
        if (!vehicles.isEmpty() && !vehicles.contains(a.getVehicleId())) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(a.getKind().toUpperCase(Locale.ROOT))) {
            return false;
        }
        return rank(a.getSeverity()) >= minSeverity.ordinal();
    }

    private static int rank(String severity) {
        try {
            return Severity.valueOf(severity.toUpperCase(Locale.ROOT)).ordinal();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Severity.INFO.ordinal();
        }
    }
}
