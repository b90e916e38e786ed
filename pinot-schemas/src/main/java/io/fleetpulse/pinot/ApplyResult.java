package io.fleetpulse.pinot;

import java.util.List;

/**
 * What {@link PinotApplier} did to one schema or table config.
 *
 * @param kind {@code schema} or {@code table}
 * @param name the schema or table name
 * @param action what happened
 * @param differences for an update, the JSON paths that differed (at most a few), else empty
 */
public record ApplyResult(String kind, String name, Action action, List<String> differences) {

    /** What happened to one config. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public ApplyResult {
        differences = List.copyOf(differences);
    }

    public boolean changed() {
        return action != Action.UNCHANGED;
    }

    /** One line for a report, e.g. {@code table telemetry: UPDATED (tableIndexConfig.x)}. */
    public String describe() {
        String line = kind + " " + name + ": " + action.name().toLowerCase(java.util.Locale.ROOT);
        return differences.isEmpty() ? line : line + " (" + String.join(", ", differences) + ")";
    }
}
