package io.fleetpulse.learner.cli;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.learner.detect.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which alerts {@code fleet alerts} shows: by vehicle, by kind (case-insensitive), at least a
 * severity. Empty sets mean any.
 */
public record AlertFilter(Set<String> vehicles, Set<String> kinds, Severity minSeverity) {

    public AlertFilter {
        vehicles = Set.copyOf(vehicles);
        kinds = kinds.stream().map(k -> k.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public boolean accepts(Alert a) {
        if (!vehicles.isEmpty() && !vehicles.contains(a.getVehicleId())) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(a.getKind().toUpperCase(Locale.ROOT))) {
            return false;
        }
        Severity s;
        try {
            s = Severity.valueOf(a.getSeverity());
        } catch (IllegalArgumentException e) {
            s = Severity.CRITICAL; // an unknown (newer) severity is never hidden
        }
        return s.compareTo(minSeverity) >= 0;
    }
}
